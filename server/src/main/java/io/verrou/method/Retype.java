package io.verrou.method;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.ui.Model;

/**
 * What a person types again before a password reset sends anything to one of their methods — the phone number,
 * the email address — so that nothing is ever sent to a guess, and a stranger learns nothing from what is sent.
 */
public interface Retype {

    /** The form's page, e.g. {@code method/phone/retype}. */
    String view();

    /** What the form shows: what it needs (the list of countries) and what was typed, to type it again. */
    void prepare(Model model, Locale locale, Map<String, String> typed);

    /** Reads the form's fields. */
    Typed read(Map<String, String> form);

    /** Whether {@code method} reaches what was typed; compared in constant time. */
    boolean matches(AuthMethod method, String normalised);

    /** The message key when nothing the person has matches, e.g. {@code reset.phone.mismatch}. */
    String mismatchKey();

    /** The reason in the audit log then, e.g. {@code phone_mismatch}. */
    String mismatchReason();

    /** What was typed, read. */
    sealed interface Typed {
        /**
         * Usable: normalised (E.164, lower case) to compare, and — when it matches but can't receive this way (a
         * landline for a text) — the message key that says so.
         */
        record Valid(String normalised, Optional<String> unusableKey) implements Typed {
        }

        /** Not a number, not an address: the message key says so. Not counted against anyone. */
        record Invalid(String messageKey) implements Typed {
        }
    }
}
