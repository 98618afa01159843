package io.verrou.authenticator;

import java.security.PrivateKey;
import java.util.Objects;

/**
 * One activated account, as stored in the state file: where it lives, the device id that names its key, the TOTP
 * settings and the device's private key.
 *
 * @param server          the canonical server URL
 * @param deviceId        the device id the server gave; the {@code keyid} of every signature
 * @param issuer          the organisation, for example {@code Contoso}
 * @param name            the account name, for example {@code alice@contoso.example}
 * @param totp            the TOTP secret and parameters
 * @param privateKeyPkcs8 the device's P-256 private key, base64 of PKCS#8
 */
record Account(String server, String deviceId, String issuer, String name, TotpSettings totp,
               String privateKeyPkcs8) {

    /**
     * Checks that every part is present and usable.
     *
     * @param server          the canonical server URL
     * @param deviceId        the device id
     * @param issuer          the organisation
     * @param name            the account name
     * @param totp            the TOTP settings
     * @param privateKeyPkcs8 the private key, base64 of PKCS#8
     * @throws IllegalArgumentException if the device id cannot go in a header or the key does not decode
     */
    Account {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(totp, "totp");
        Objects.requireNonNull(privateKeyPkcs8, "privateKeyPkcs8");
        if (deviceId.isEmpty() || !RequestSigner.isSfString(deviceId)) {
            throw new IllegalArgumentException("The device id must be printable ASCII");
        }
        DeviceKeys.decodePrivateKey(privateKeyPkcs8);
    }

    /**
     * Returns the server URL.
     *
     * @return the canonical server URL
     */
    ServerUrl serverUrl() {
        return ServerUrl.parse(server);
    }

    /**
     * Returns the device's private key.
     *
     * @return the P-256 private key
     */
    PrivateKey privateKey() {
        return DeviceKeys.decodePrivateKey(privateKeyPkcs8);
    }

    /**
     * Returns the label {@code --account} accepts besides the bare name.
     *
     * @return {@code issuer:name}
     */
    String label() {
        return issuer + ":" + name;
    }

    /**
     * Tells whether another activation is for the same account, which it then replaces.
     *
     * @param other the other account
     * @return true if the server, issuer and name are the same
     */
    boolean isSameAccountAs(Account other) {
        return server.equals(other.server) && issuer.equals(other.issuer) && name.equalsIgnoreCase(other.name);
    }

    /**
     * Describes the account without its secrets: records print every component by default, and this one holds a
     * private key and a TOTP secret.
     *
     * @return a description without secrets
     */
    @Override
    public String toString() {
        return "Account[" + label() + " on " + server + ", device " + deviceId + "]";
    }
}
