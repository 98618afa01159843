package io.verrou.authenticator;

import java.time.Instant;
import java.util.Objects;

/**
 * A sign-in request waiting for this device's answer (doc section 3). It does not carry the number: the person
 * reads it on the sign-in page and types it (number matching).
 *
 * @param id        the request id, used in the approve and deny URIs
 * @param kind      {@code signin}, {@code registration} for the test request while setting the app up, or
 *                  {@code reset} for a password reset
 * @param app       the application being signed in to
 * @param browser   the browser that asked, as the server describes it
 * @param ip        the IP address the sign-in came from
 * @param createdAt when the sign-in asked
 * @param expiresAt when the request stops being answerable
 */
record PendingRequest(String id, String kind, String app, String browser, String ip, Instant createdAt,
                      Instant expiresAt) {

    /**
     * Checks that every part is present.
     *
     * @param id        the request id
     * @param kind      the kind
     * @param app       the application
     * @param browser   the browser
     * @param ip        the IP address
     * @param createdAt the creation time
     * @param expiresAt the expiry time
     */
    PendingRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(browser, "browser");
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
