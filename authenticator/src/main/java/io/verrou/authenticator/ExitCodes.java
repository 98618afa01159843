package io.verrou.authenticator;

/**
 * The process exit codes. Scripts and the end-to-end tests tell outcomes apart by them, so they are part of the
 * command-line contract.
 */
final class ExitCodes {

    /** The command did what was asked. */
    static final int OK = 0;

    /** The server answered and said no: wrong number, expired code, request no longer pending, bad signature… */
    static final int REFUSED = 1;

    /** The command could not be carried out: bad usage, unreadable input, or no usable answer from the server. */
    static final int FAILED = 2;

    private ExitCodes() {
    }
}
