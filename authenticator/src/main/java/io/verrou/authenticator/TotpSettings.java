package io.verrou.authenticator;

import io.verrou.otp.Base32;
import io.verrou.otp.HmacAlgorithm;
import io.verrou.otp.OtpParameters;
import java.util.Objects;

/**
 * The TOTP secret and parameters received at activation, as stored in the state file.
 *
 * @param secret    the shared secret, Base32
 * @param algorithm the HMAC function, {@code SHA1}, {@code SHA256} or {@code SHA512}
 * @param digits    the code length, 6 to 8
 * @param period    the time step in seconds
 */
record TotpSettings(String secret, String algorithm, int digits, int period) {

    /**
     * Checks that the settings make a working generator, so that a bad value is reported when it is received or
     * loaded rather than when a code is asked for.
     *
     * @param secret    the shared secret, Base32
     * @param algorithm the HMAC function
     * @param digits    the code length
     * @param period    the time step in seconds
     * @throws IllegalArgumentException if a value is not usable
     */
    TotpSettings {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(algorithm, "algorithm");
        if (Base32.decode(secret).length == 0) {
            throw new IllegalArgumentException("The TOTP secret is empty");
        }
        new OtpParameters(HmacAlgorithm.fromOtpauthName(algorithm), digits, period);
    }

    /**
     * Returns the parameters for {@link io.verrou.otp.Totp}.
     *
     * @return the algorithm, digits and period
     */
    OtpParameters parameters() {
        return new OtpParameters(HmacAlgorithm.fromOtpauthName(algorithm), digits, period);
    }

    /**
     * Returns the secret's bytes.
     *
     * @return the decoded Base32 secret
     */
    byte[] secretBytes() {
        return Base32.decode(secret);
    }

    /**
     * Describes the settings without the secret, which must never reach a log or a terminal.
     *
     * @return for example {@code TotpSettings[SHA1, 6 digits, 30 s]}
     */
    @Override
    public String toString() {
        return "TotpSettings[" + algorithm + ", " + digits + " digits, " + period + " s]";
    }
}
