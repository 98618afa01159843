package io.verrou.method.questions;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The form in which answers are compared and hashed (SPEC S4.5): people rarely type an answer twice exactly
 * the same way, so capitals, accents and spacing must not matter. "Élodie  Dupont" and "elodie dupont" are
 * the same answer.
 */
public final class AnswerNormaliser {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    /** Zero-width and other invisible characters: nobody can see them, so they must not tell answers apart. */
    private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cf}\\p{Cc}&&[^\\s]]+", Pattern.UNICODE_CHARACTER_CLASS);
    /** Every kind of space, tab and line break, including the non-breaking ones some keyboards type. */
    private static final Pattern SPACES = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

    private AnswerNormaliser() {
    }

    /**
     * Unicode NFKD (so ligatures and full-width letters become plain ones), combining marks (accents)
     * removed, invisible characters removed, lower case in {@link Locale#ROOT} (never the server's language:
     * a Turkish default would turn "I" into a dotless ı), whitespace runs collapsed to one space, trimmed.
     */
    public static String normalise(String text) {
        if (text == null) {
            return "";
        }
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
        String plain = INVISIBLE.matcher(MARKS.matcher(decomposed).replaceAll("")).replaceAll("");
        return SPACES.matcher(plain.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }

    /** The length people see: characters (code points), not UTF-16 units, so an emoji counts once. */
    public static int length(String normalised) {
        return normalised.codePointCount(0, normalised.length());
    }
}
