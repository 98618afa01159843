/**
 * The Verrou Authenticator on the command line: the companion app of SPEC S10, which "plays the phone" against the
 * device API described in {@code docs/authenticator-api.md}.
 *
 * <p>{@link io.verrou.authenticator.VerrouAuthenticator} is the entry point. The other types are the pieces it is
 * made of: the device API client and its request signing, the state file, and one class per command.
 */
package io.verrou.authenticator;
