package io.verrou.delivery.outbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import io.verrou.Timestamps;
import io.verrou.delivery.DeliveryReceipt;
import io.verrou.delivery.EmailMessage;
import io.verrou.delivery.Recipients;
import io.verrou.delivery.SmsMessage;
import io.verrou.delivery.VoiceCall;
import io.verrou.delivery.outbox.OutboxDelivery.Channel;
import io.verrou.delivery.outbox.OutboxDelivery.State;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The outbox provider, the default: every text message, call and email is kept in the {@code outbox_delivery}
 * table rather than sent, for people and tests to read at {@code /dev/outbox}. Nothing reaches a phone or a
 * mailbox.
 */
@Repository
public class JdbcOutbox {

    public static final String PROVIDER = "outbox";

    private static final Logger log = LoggerFactory.getLogger(JdbcOutbox.class);

    private final JdbcClient jdbc;
    private final Clock clock;

    public JdbcOutbox(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Keeps a text message, as sent. */
    public DeliveryReceipt send(SmsMessage message) {
        OutboxDelivery stored = add(Channel.SMS, message.to(), Optional.empty(), message.body(), message.code(),
                message.locale(), State.SENT, Optional.empty());
        log.info("Text message to {} kept in the outbox ({})", Recipients.masked(message.to()), stored.id());
        return new DeliveryReceipt(PROVIDER, stored.id().toString());
    }

    /** Keeps a call, ringing until someone presses keys at {@code /dev/outbox}. */
    public DeliveryReceipt call(VoiceCall call) {
        OutboxDelivery stored = add(Channel.VOICE, call.to(), Optional.empty(), call.script(), Optional.empty(),
                call.locale(), State.RINGING, Optional.of(call.callId()));
        log.info("Call {} to {} kept in the outbox ({})", call.callId(), Recipients.masked(call.to()), stored.id());
        return new DeliveryReceipt(PROVIDER, stored.id().toString());
    }

    /**
     * Keeps an email, as sent: its subject, its plain-text version as the body, and its code. The HTML version
     * says the same thing and is not kept.
     */
    public DeliveryReceipt email(EmailMessage message) {
        OutboxDelivery stored = add(Channel.EMAIL, message.to(), Optional.of(message.subject()), message.textBody(),
                message.code(), message.locale(), State.SENT, Optional.empty());
        log.info("Email to {} kept in the outbox ({})", Recipients.maskedAddress(message.to()), stored.id());
        return new DeliveryReceipt(PROVIDER, stored.id().toString());
    }

    /** Keeps any delivery. */
    public OutboxDelivery add(Channel channel, String to, Optional<String> subject, String body, Optional<String> code,
            Locale locale, State state, Optional<UUID> callId) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        jdbc.sql("""
                INSERT INTO outbox_delivery (id, channel, recipient, subject, body, code, created_at, state, locale, call_id)
                VALUES (:id, :channel, :recipient, :subject, :body, :code, :createdAt, :state, :locale, :callId)""")
                .param("id", id)
                .param("channel", channel.id())
                .param("recipient", to)
                .param("subject", subject.orElse(null))
                .param("body", body)
                .param("code", code.orElse(null))
                .param("createdAt", Timestamps.toColumn(now))
                .param("state", state.id())
                .param("locale", locale.toLanguageTag())
                .param("callId", callId.orElse(null))
                .update();
        return new OutboxDelivery(id, channel, to, subject, body, code, now, state, locale, callId, Optional.empty(),
                Optional.empty());
    }

    /** The newest deliveries first, at most {@code limit}. */
    public List<OutboxDelivery> newestFirst(int limit) {
        return jdbc.sql("SELECT * FROM outbox_delivery ORDER BY seq DESC")
                .withMaxRows(limit)
                .query(JdbcOutbox::delivery)
                .list();
    }

    /**
     * What went to the people of one organisation, newest first: to their sign-in addresses, to the phones and
     * addresses of their methods, and to the numbers and addresses their codes were sent to.
     */
    public List<OutboxDelivery> newestFirstFor(UUID tenantId, int limit) {
        return jdbc.sql("""
                SELECT * FROM outbox_delivery WHERE recipient IN (
                    SELECT email FROM app_user WHERE tenant_id = :tenantId
                    UNION SELECT m.detail FROM auth_method m JOIN app_user u ON u.id = m.user_id
                          WHERE u.tenant_id = :tenantId AND m.detail IS NOT NULL
                    UNION SELECT target FROM challenge WHERE tenant_id = :tenantId)
                ORDER BY seq DESC""")
                .param("tenantId", tenantId)
                .withMaxRows(limit)
                .query(JdbcOutbox::delivery)
                .list();
    }

    public Optional<OutboxDelivery> find(UUID id) {
        return jdbc.sql("SELECT * FROM outbox_delivery WHERE id = :id")
                .param("id", id)
                .query(JdbcOutbox::delivery)
                .optional();
    }

    /**
     * Records the keys that answered a ringing call. Only one answer wins, even with several nodes.
     *
     * @return false when it is not a call, or not ringing any more
     */
    public boolean answer(UUID id, String keys) {
        return jdbc.sql("""
                UPDATE outbox_delivery SET state = :answered, answer_keys = :keys, answered_at = :at
                WHERE id = :id AND channel = :voice AND state = :ringing""")
                .param("answered", State.ANSWERED.id())
                .param("keys", keys)
                .param("at", Timestamps.toColumn(clock.instant()))
                .param("id", id)
                .param("voice", Channel.VOICE.id())
                .param("ringing", State.RINGING.id())
                .update() == 1;
    }

    private static OutboxDelivery delivery(ResultSet rs, int row) throws SQLException {
        return new OutboxDelivery(
                rs.getObject("id", UUID.class),
                Channel.of(rs.getString("channel")),
                rs.getString("recipient"),
                Optional.ofNullable(rs.getString("subject")),
                rs.getString("body"),
                Optional.ofNullable(rs.getString("code")),
                Timestamps.fromColumn(rs, "created_at"),
                State.of(rs.getString("state")),
                Locale.forLanguageTag(rs.getString("locale")),
                Optional.ofNullable(rs.getObject("call_id", UUID.class)),
                Optional.ofNullable(rs.getString("answer_keys")),
                Timestamps.optionalFromColumn(rs, "answered_at"));
    }
}
