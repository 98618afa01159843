package io.verrou.authenticator;

import java.security.SecureRandom;

/**
 * Accounts made directly, for the tests that need several without activating each.
 */
final class TestAccounts {

    private TestAccounts() {
    }

    static Account account(String issuer, String name, String server, String secret) {
        return new Account(server, "device-" + name.hashCode(), issuer, name,
                new TotpSettings(secret, "SHA1", 6, 30),
                DeviceKeys.encodePrivateKey(new DeviceKeys(new SecureRandom()).generate().getPrivate()));
    }
}
