package io.verrou.crypto;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Admission control for the expensive step: at most {@code concurrency} hashes run at once, sized to the
 * machine's cores, with at most {@code queueLength} callers waiting for their turn. A caller that finds the queue
 * full gets a {@link CapacityExceededException} at once, and one that can't start within {@code queueTimeout}
 * gets it then, instead of a long wait. More hashes at once than cores only make every one of them slower; a
 * short queue keeps the people who are served fast and tells the others at once.
 */
public final class AdmissionControlledPasswordEncoder implements PasswordEncoder {

    /** What the person is asked to wait before trying again. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(3);

    private final PasswordEncoder delegate;
    private final String implementation;
    private final Semaphore permits;
    private final Semaphore places;
    private final int concurrency;
    private final int queueLength;
    private final Duration queueTimeout;
    private final Counter refused;

    /**
     * @param implementation what hashes, for the start-up log ("native" or "Java")
     */
    public AdmissionControlledPasswordEncoder(PasswordEncoder delegate, String implementation, int concurrency,
            int queueLength, Duration queueTimeout, MeterRegistry meters) {
        if (concurrency < 1 || queueLength < 0) {
            throw new IllegalArgumentException("Hash concurrency must be at least 1 and the queue not negative: "
                    + concurrency + ", " + queueLength);
        }
        this.delegate = delegate;
        this.implementation = implementation;
        this.concurrency = concurrency;
        this.queueLength = queueLength;
        this.permits = new Semaphore(concurrency, true);
        // Those hashing and those waiting: past both, no wait at all.
        this.places = new Semaphore(concurrency + queueLength);
        this.queueTimeout = queueTimeout;
        this.refused = Counter.builder("verrou.capacity.refused").tag("reason", "hashing")
                .description("Requests answered 503 because no hash could start in time").register(meters);
    }

    public String implementation() {
        return implementation;
    }

    public int concurrency() {
        return concurrency;
    }

    public int queueLength() {
        return queueLength;
    }

    public Duration queueTimeout() {
        return queueTimeout;
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return admitted(() -> delegate.encode(rawPassword));
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        return admitted(() -> delegate.matches(rawPassword, encodedPassword));
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword);
    }

    private <T> T admitted(Supplier<T> hashing) {
        if (!places.tryAcquire()) {
            throw refused();
        }
        try {
            boolean admitted;
            try {
                admitted = permits.tryAcquire(queueTimeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                admitted = false;
            }
            if (!admitted) {
                throw refused();
            }
            try {
                return hashing.get();
            } finally {
                permits.release();
            }
        } finally {
            places.release();
        }
    }

    private CapacityExceededException refused() {
        refused.increment();
        return new CapacityExceededException(RETRY_AFTER);
    }
}
