package io.verrou.crypto;

import java.time.Duration;

/**
 * Thrown instead of waiting when the expensive step (hashing a password or an answer) has no room within its short
 * queue: the person is told at once to try again in a few seconds rather than kept waiting.
 */
public final class CapacityExceededException extends RuntimeException {

    private final Duration retryAfter;

    public CapacityExceededException(Duration retryAfter) {
        super("No capacity left for hashing; retry after " + retryAfter.toSeconds() + " s", null, false, false);
        this.retryAfter = retryAfter;
    }

    /** How long the person is asked to wait before trying again. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
