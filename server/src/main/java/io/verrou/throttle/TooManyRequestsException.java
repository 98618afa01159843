package io.verrou.throttle;

import java.time.Duration;

/** Too many of one action from one client address: the answer is a 429 with {@code Retry-After}. */
public final class TooManyRequestsException extends RuntimeException {

    private final Duration retryAfter;

    public TooManyRequestsException(Duration retryAfter) {
        super("Too many requests from this address; retry after " + retryAfter.toSeconds() + " s", null, false, false);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
