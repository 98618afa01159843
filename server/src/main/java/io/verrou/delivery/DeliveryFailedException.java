package io.verrou.delivery;

/**
 * A provider could not take a delivery: connection refused, timeout, an error status, a configuration the
 * provider refused. The message is for logs only: it names the provider, the channel and the failure, never
 * the body, the code or a secret.
 */
public class DeliveryFailedException extends RuntimeException {

    /** What kind of failure it was, for logs and metrics. */
    public enum Failure {
        /** The provider could not be reached (refused connection, unknown host, broken connection). */
        UNREACHABLE,
        /** The provider did not answer in time. */
        TIMEOUT,
        /** The provider refused the request (4xx: bad credentials, bad number, bad sender). */
        REJECTED,
        /** The provider failed (5xx). */
        PROVIDER_ERROR,
        /** Anything else. */
        OTHER
    }

    private final Failure failure;

    public DeliveryFailedException(String message) {
        this(Failure.OTHER, message, null);
    }

    public DeliveryFailedException(String message, Throwable cause) {
        this(Failure.OTHER, message, cause);
    }

    public DeliveryFailedException(Failure failure, String message, Throwable cause) {
        super(message, cause);
        this.failure = failure;
    }

    public Failure failure() {
        return failure;
    }
}
