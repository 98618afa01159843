package io.verrou.user;

import java.util.Locale;

/**
 * Why a new password was refused (SPEC S9), in the order the rules are checked.
 */
public enum PasswordProblem {
    TOO_SHORT,
    TOO_LONG,
    COMMON,
    NAME,
    ORGANISATION,
    BANNED_TERM,
    CURRENT;

    /** The message that tells the person what to change, e.g. {@code password.problem.too_short}. */
    public String messageKey() {
        return "password.problem." + name().toLowerCase(Locale.ROOT);
    }
}
