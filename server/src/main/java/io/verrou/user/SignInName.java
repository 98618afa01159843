package io.verrou.user;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A sign-in name as people type it, checked and put in the one form accounts are stored under.
 */
public final class SignInName {

    /** RFC 5321's limit on a whole address. */
    public static final int MAX_LENGTH = 254;

    private static final Pattern SHAPE = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");

    private SignInName() {
    }

    /**
     * The normalised name ({@code name@domain}, NFC, lower case) when {@code typed} looks like one, else empty.
     * Control and invisible formatting characters are refused rather than stripped, so that two different
     * inputs never name the same account.
     */
    public static Optional<String> parse(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String trimmed = typed.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        boolean hasHiddenCharacters = trimmed.codePoints()
                .anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                        || Character.getType(c) == Character.PRIVATE_USE || Character.getType(c) == Character.SURROGATE
                        || Character.getType(c) == Character.UNASSIGNED);
        if (hasHiddenCharacters) {
            return Optional.empty();
        }
        String normalised = Normalizer.normalize(trimmed, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        return SHAPE.matcher(normalised).matches() ? Optional.of(normalised) : Optional.empty();
    }
}
