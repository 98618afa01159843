package io.verrou.method.questions;

import java.util.List;
import java.util.stream.IntStream;

/**
 * The predefined security questions (SPEC S4.5), written by us: each asks for something a person remembers
 * for life, that does not change, and that a stranger can't find in a directory or on a social profile.
 * A question's id never changes once released, because answers are stored under it; its texts are the
 * {@code questions.catalogue.<id>} message keys, in every language.
 */
public final class QuestionCatalogue {

    /** How many there are; ids run from {@code q01} to this number. Add at the end, never renumber. */
    static final int SIZE = 35;

    private static final List<String> IDS = IntStream.rangeClosed(1, SIZE)
            .mapToObj(n -> String.format("q%02d", n))
            .toList();

    private QuestionCatalogue() {
    }

    /** Every predefined question's id, in the order the drop-downs show them. */
    public static List<String> ids() {
        return IDS;
    }

    public static boolean contains(String id) {
        return IDS.contains(id);
    }

    /** The message key of a predefined question's text. */
    public static String messageKey(String id) {
        return "questions.catalogue." + id;
    }
}
