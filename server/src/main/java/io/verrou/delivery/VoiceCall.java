package io.verrou.delivery;

import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * A call to place.
 *
 * @param callId identifies the call when its answer comes back ({@link CallAnswerListener})
 * @param to     the number in E.164, e.g. {@code +33612345678}
 * @param script what the call says, in the locale's language
 * @param locale the language the script is spoken in
 */
public record VoiceCall(UUID callId, String to, String script, Locale locale) {

    public VoiceCall {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(locale, "locale");
    }

    @Override
    public String toString() {
        return "VoiceCall[callId=" + callId + ", to=" + Recipients.masked(to) + ", locale=" + locale + "]";
    }
}
