package io.verrou.delivery;

import java.util.Locale;

/** What happened to a person's security info, as the email about it names it (SPEC S6). */
public enum ChangeKind {
    /** A method was registered. */
    METHOD_ADDED,
    /** A method was changed, e.g. a phone number verified again. */
    METHOD_CHANGED,
    /** A method was deleted. */
    METHOD_DELETED,
    /** Another method became the one sign-in starts with. */
    DEFAULT_CHANGED,
    /** Every session and remembered browser was ended ("Lost device? Sign out everywhere"). */
    SIGNED_OUT_EVERYWHERE,
    /** The password was changed or reset. */
    PASSWORD_CHANGED;

    /** The name in message keys: {@code method_added}, {@code password_changed}… */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
