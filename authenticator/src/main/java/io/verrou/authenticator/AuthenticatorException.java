package io.verrou.authenticator;

/**
 * A failure to report to the person as one line, with the exit code it ends the process with.
 *
 * <p>Messages are written for the person at the terminal; they never carry secrets (codes, keys), because they are
 * printed and may be pasted into a support ticket.
 */
final class AuthenticatorException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    private AuthenticatorException(String message, int exitCode, Throwable cause) {
        // No stack trace: these are expected outcomes, printed as one line, and never logged with a trace.
        super(message, cause, false, false);
        this.exitCode = exitCode;
    }

    /**
     * The server answered and refused (exit code 1).
     *
     * @param message what to tell the person
     * @return the exception to throw
     */
    static AuthenticatorException refused(String message) {
        return new AuthenticatorException(message, ExitCodes.REFUSED, null);
    }

    /**
     * The command could not be carried out (exit code 2): bad input, unreadable file, unreachable server.
     *
     * @param message what to tell the person
     * @return the exception to throw
     */
    static AuthenticatorException failed(String message) {
        return new AuthenticatorException(message, ExitCodes.FAILED, null);
    }

    /**
     * Like {@link #failed(String)}, keeping the cause for debuggers.
     *
     * @param message what to tell the person
     * @param cause   the underlying exception
     * @return the exception to throw
     */
    static AuthenticatorException failed(String message, Throwable cause) {
        return new AuthenticatorException(message, ExitCodes.FAILED, cause);
    }

    /**
     * Returns the process exit code this failure ends with.
     *
     * @return {@link ExitCodes#REFUSED} or {@link ExitCodes#FAILED}
     */
    int exitCode() {
        return exitCode;
    }
}
