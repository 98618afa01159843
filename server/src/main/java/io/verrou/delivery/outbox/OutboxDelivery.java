package io.verrou.delivery.outbox;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * One text message, call or email kept by the outbox instead of being sent.
 *
 * @param id         the outbox's identifier, used in {@code /dev/outbox/{id}/keypress}
 * @param channel    sms, voice or email
 * @param to         the number (E.164) or the address
 * @param subject    an email's subject
 * @param body       the text, the call's script or the email's text
 * @param code       the one-time code inside, if any
 * @param createdAt  when it was "sent"
 * @param state      sent (sms, email); ringing then answered (voice)
 * @param locale     the language of the text
 * @param callId     a call's {@code VoiceCall.callId}
 * @param keys       the keys pressed to answer a call
 * @param answeredAt when a call was answered
 */
public record OutboxDelivery(
        UUID id,
        Channel channel,
        String to,
        Optional<String> subject,
        String body,
        Optional<String> code,
        Instant createdAt,
        State state,
        Locale locale,
        Optional<UUID> callId,
        Optional<String> keys,
        Optional<Instant> answeredAt) {

    public enum Channel {
        SMS, VOICE, EMAIL;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Channel of(String id) {
            return valueOf(id.toUpperCase(Locale.ROOT));
        }
    }

    public enum State {
        SENT, RINGING, ANSWERED;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        static State of(String id) {
            return valueOf(id.toUpperCase(Locale.ROOT));
        }
    }

    /** The body's lines, for a page to show an email's paragraphs as they were written. */
    public List<String> bodyLines() {
        return body.lines().toList();
    }

    /** A call still waiting for keys. */
    public boolean ringing() {
        return channel == Channel.VOICE && state == State.RINGING;
    }
}
