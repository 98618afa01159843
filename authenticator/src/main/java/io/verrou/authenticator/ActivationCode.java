package io.verrou.authenticator;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A one-time activation code (doc section 1): 24 Base32 characters, 120 random bits.
 *
 * @param value the 24 characters, upper case, without separators
 */
record ActivationCode(String value) {

    private static final Pattern FORMAT = Pattern.compile("[A-Z2-7]{24}");

    /**
     * Checks the canonical form.
     *
     * @param value the 24 characters, upper case, without separators
     * @throws IllegalArgumentException if the value is not 24 Base32 characters
     */
    ActivationCode {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("An activation code is 24 Base32 characters");
        }
    }

    /**
     * Reads a code as a person types it: the page shows it in groups of four, so spaces and hyphens are ignored,
     * and so is letter case.
     *
     * @param text the code as typed or as read from the QR code
     * @return the code
     * @throws AuthenticatorException (exit 2) if the text is not 24 Base32 characters once separators are removed
     */
    static ActivationCode parse(String text) {
        StringBuilder canonical = new StringBuilder(text.length());
        text.codePoints()
                .filter(c -> c != '-' && !Character.isWhitespace(c))
                .forEach(canonical::appendCodePoint);
        String value = canonical.toString().toUpperCase(Locale.ROOT);
        if (!FORMAT.matcher(value).matches()) {
            throw AuthenticatorException.failed("The activation code must be 24 characters, letters A-Z and digits"
                    + " 2-7, as shown on the page (spaces and hyphens are ignored, and so is case).");
        }
        return new ActivationCode(value);
    }

    /**
     * Hides the code: it is a one-time secret that must not end up in logs.
     *
     * @return a description without the code
     */
    @Override
    public String toString() {
        return "ActivationCode[…]";
    }
}
