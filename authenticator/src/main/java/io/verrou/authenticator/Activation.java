package io.verrou.authenticator;

import java.util.Objects;

/**
 * What the server answers to a successful activation (doc section 1).
 *
 * @param deviceId the id that names the device key in every later request
 * @param issuer   the organisation
 * @param name     the account name
 * @param totp     the TOTP secret and parameters
 */
record Activation(String deviceId, String issuer, String name, TotpSettings totp) {

    /**
     * Checks that every part is present.
     *
     * @param deviceId the device id
     * @param issuer   the organisation
     * @param name     the account name
     * @param totp     the TOTP settings
     */
    Activation {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(totp, "totp");
    }
}
