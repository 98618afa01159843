package io.verrou.delivery;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A text message to send.
 *
 * @param to     the number in E.164, e.g. {@code +33612345678}
 * @param body   the text, already in the person's language
 * @param locale the language of the text
 * @param code   the one-time code inside the text, if any (only the outbox shows it separately)
 */
public record SmsMessage(String to, String body, Locale locale, Optional<String> code) {

    public SmsMessage {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(locale, "locale");
        code = code == null ? Optional.empty() : code;
    }

    /** Leaves the body and the code out, so that they never reach a log by accident. */
    @Override
    public String toString() {
        return "SmsMessage[to=" + Recipients.masked(to) + ", locale=" + locale + "]";
    }
}
