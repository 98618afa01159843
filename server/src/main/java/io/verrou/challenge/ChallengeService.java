package io.verrou.challenge;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import io.verrou.audit.AuditEvent;
import io.verrou.audit.AuditEventType;
import io.verrou.audit.AuditLog;
import io.verrou.audit.AuditResult;
import io.verrou.audit.ClientInfo;
import io.verrou.crypto.KeyedHash;
import io.verrou.delivery.CallAnswerListener;
import io.verrou.delivery.DeliveryFailedException;
import io.verrou.delivery.EmailComposer;
import io.verrou.delivery.EmailSender;
import io.verrou.delivery.SmsMessage;
import io.verrou.delivery.SmsSender;
import io.verrou.delivery.VoiceCall;
import io.verrou.delivery.VoiceCaller;
import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.tenant.Tenant;
import io.verrou.tenant.TenantPolicy;
import io.verrou.throttle.AddressThrottle;
import io.verrou.throttle.TooManyRequestsException;
import io.verrou.user.JdbcUserRepository;
import io.verrou.user.User;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One-time codes by text and approvals by call (SPEC S4.3, S5): a 6-digit code valid 5 minutes, stored only
 * as a keyed hash, void after 5 wrong entries; a call approved by pressing # and refused, as a fraud
 * report, by 0#. Sending is limited per person, per number and per organisation, and a new code may be
 * asked for 30 seconds after the last.
 */
@Service
public class ChallengeService implements CallAnswerListener {

    static final Duration LIFETIME = Duration.ofMinutes(5);
    static final int MAX_WRONG = 5;
    static final Duration RESEND_AFTER = Duration.ofSeconds(30);
    static final int PER_USER = 5;
    static final Duration PER_USER_WINDOW = Duration.ofMinutes(15);
    static final int PER_NUMBER = 5;
    static final Duration PER_NUMBER_WINDOW = Duration.ofHours(1);
    private static final String CODE_PURPOSE = "challenge-code";

    private static final Logger log = LoggerFactory.getLogger(ChallengeService.class);

    private final JdbcChallengeRepository challenges;
    private final JdbcTenantRepository tenants;
    private final JdbcUserRepository users;
    private final SmsSender sms;
    private final VoiceCaller voice;
    private final EmailSender email;
    private final EmailComposer composer;
    private final ApplicationEventPublisher events;
    private final KeyedHash keyedHash;
    private final MessageSource messages;
    private final AuditLog audit;
    private final SecureRandom random;
    private final TransactionTemplate transaction;
    private final AddressThrottle addresses;
    private final Clock clock;

    public ChallengeService(JdbcChallengeRepository challenges, JdbcTenantRepository tenants, JdbcUserRepository users,
            SmsSender sms, VoiceCaller voice, EmailSender email, EmailComposer composer, ApplicationEventPublisher events,
            KeyedHash keyedHash, MessageSource messages, AuditLog audit, SecureRandom random,
            PlatformTransactionManager transactions, AddressThrottle addresses, Clock clock) {
        this.transaction = new TransactionTemplate(transactions);
        this.addresses = addresses;
        this.challenges = challenges;
        this.tenants = tenants;
        this.users = users;
        this.sms = sms;
        this.voice = voice;
        this.email = email;
        this.composer = composer;
        this.events = events;
        this.keyedHash = keyedHash;
        this.messages = messages;
        this.audit = audit;
        this.random = random;
        this.clock = clock;
    }

    /** How a send ended. */
    public sealed interface SendResult {

        /** Why nothing was sent, as the page says it; empty when it was sent. */
        Optional<Refusal> refusal();

        /** On its way; the challenge to verify against. */
        record Sent(UUID challengeId) implements SendResult {
            @Override
            public Optional<Refusal> refusal() {
                return Optional.empty();
            }
        }

        /** Over a limit: nothing was sent. The message key explains, with its argument. */
        record Throttled(String messageKey, long argument) implements SendResult {
            @Override
            public Optional<Refusal> refusal() {
                return Optional.of(new Refusal(messageKey, argument));
            }
        }

        /** The provider could not take it: nothing was lost, the person may try again. */
        record Failed(Channel channel) implements SendResult {
            @Override
            public Optional<Refusal> refusal() {
                return Optional.of(new Refusal(channel == Channel.EMAIL ? "delivery.failed.email" : "delivery.failed", 0));
            }
        }
    }

    /** What a page says when nothing was sent: a message key and its argument. */
    public record Refusal(String messageKey, long argument) {
    }

    /** How a code check ended. */
    public enum CodeResult {
        ACCEPTED, WRONG, EXPIRED, VOIDED, UNKNOWN;

        /** The message key of what the page says when the code was not accepted; empty when it was. */
        public Optional<String> refusalKey() {
            return switch (this) {
                case ACCEPTED -> Optional.empty();
                case WRONG -> Optional.of("code.wrong");
                case EXPIRED -> Optional.of("code.expired");
                case VOIDED, UNKNOWN -> Optional.of("code.voided");
            };
        }
    }

    /**
     * Texts a code to {@code target} (E.164), emails it, or calls it, for {@code user}. The limits are checked and
     * the challenge stored in one short transaction that locks the organisation's row and the target's, so that
     * requests at once, on any node, can't both pass a limit; the provider is called only after, with no connection
     * held, and a provider failure marks the challenge failed (it then counts toward no limit).
     *
     * @throws IllegalStateException    when called inside a transaction: the provider must never be called in one
     * @throws TooManyRequestsException when the client's address sent too much already (a 429 page)
     */
    public SendResult send(User user, String target, Channel channel, String purpose, Locale locale, ClientInfo client) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("A code is sent outside any transaction, so that no connection waits on the provider");
        }
        if (!client.ip().isBlank()) {
            addresses.count(client.ip(), AddressThrottle.Action.SEND);
        }
        Tenant tenant = tenants.findById(user.tenantId()).orElseThrow();
        UUID id = UUID.randomUUID();
        String code = String.format("%06d", random.nextInt(1_000_000));
        Optional<String> codeHash = channel == Channel.VOICE ? Optional.empty()
                : Optional.of(keyedHash.hash(CODE_PURPOSE, id + ":" + code));
        Optional<UUID> callId = channel == Channel.VOICE ? Optional.of(UUID.randomUUID()) : Optional.empty();
        challenges.ensureTarget(target);
        Optional<SendResult> refused = transaction.execute(status -> {
            Instant now = clock.instant();
            challenges.lockForSending(user.tenantId(), target);
            Optional<SendResult> throttled = throttle(user, target, channel, now);
            if (throttled.isPresent()) {
                audit.record(AuditEvent.of(AuditEventType.THROTTLED, AuditResult.FAILURE, user.email(), client)
                        .forUser(user.tenantId(), user.id()).because(channel.id() + "_limit"));
                return throttled;
            }
            challenges.insert(new Challenge(id, user.id(), user.tenantId(), purpose, channel, target, codeHash, callId,
                    ChallengeState.PENDING, 0, now, now.plus(LIFETIME)));
            return Optional.<SendResult>empty();
        });
        if (refused.isPresent()) {
            return refused.get();
        }
        try {
            if (channel == Channel.SMS) {
                String body = messages.getMessage("challenge.sms.body", new Object[] {code, tenant.name()}, locale);
                sms.send(new SmsMessage(target, body, locale, Optional.of(code)));
            } else if (channel == Channel.EMAIL) {
                email.send(composer.codeEmail(target, code, tenant.name(), purpose, locale));
            } else {
                String script = messages.getMessage("challenge.voice.script", new Object[] {tenant.name()}, locale);
                voice.call(new VoiceCall(callId.orElseThrow(), target, script, locale));
            }
        } catch (DeliveryFailedException e) {
            log.warn("Could not deliver a {} challenge: {}", channel.id(), e.getMessage());
            transaction.executeWithoutResult(status -> {
                challenges.update(id, ChallengeState.FAILED, 0);
                audit.record(AuditEvent.of(AuditEventType.DELIVERY_FAILED, AuditResult.FAILURE, user.email(), client)
                        .forUser(user.tenantId(), user.id()).because(channel.id()));
            });
            return new SendResult.Failed(channel);
        }
        audit.record(AuditEvent.of(channel == Channel.VOICE ? AuditEventType.CALL_PLACED : AuditEventType.CODE_SENT,
                AuditResult.SUCCESS, user.email(), client).forUser(user.tenantId(), user.id()).withDetail(purpose));
        return new SendResult.Sent(id);
    }

    /** The limits, counted on the rows locked for this send. */
    private Optional<SendResult> throttle(User user, String target, Channel channel, Instant now) {
        Optional<Instant> last = challenges.lastSentTo(user.id(), channel);
        if (last.isPresent() && now.isBefore(last.get().plus(RESEND_AFTER))) {
            long wait = Math.max(1, (Duration.between(now, last.get().plus(RESEND_AFTER)).toMillis() + 999) / 1000);
            return Optional.of(new SendResult.Throttled("challenge.wait", wait));
        }
        if (challenges.countForUser(user.id(), channel, now.minus(PER_USER_WINDOW)) >= PER_USER
                || challenges.countForTarget(target, channel, now.minus(PER_NUMBER_WINDOW)) >= PER_NUMBER) {
            return Optional.of(new SendResult.Throttled("challenge.limit." + channel.id(), 15));
        }
        TenantPolicy policy = tenants.policy(user.tenantId());
        int cap = channel == Channel.SMS ? policy.smsDailyCap() : channel == Channel.VOICE ? policy.voiceDailyCap()
                : Integer.MAX_VALUE;
        if (challenges.countForTenant(user.tenantId(), channel, now.truncatedTo(ChronoUnit.DAYS)) >= cap) {
            return Optional.of(new SendResult.Throttled("challenge.limit.tenant", 0));
        }
        return Optional.empty();
    }

    /**
     * Checks a texted code. The sixth wrong code voids the challenge; so does its expiry.
     */
    @Transactional
    public CodeResult verifyCode(UUID challengeId, UUID userId, String typed) {
        Optional<Challenge> found = challenges.findForUpdate(challengeId).filter(c -> c.userId().equals(userId));
        if (found.isEmpty() || found.get().codeHash().isEmpty()) {
            return CodeResult.UNKNOWN;
        }
        Challenge challenge = found.get();
        if (challenge.state() == ChallengeState.VOIDED || challenge.state() == ChallengeState.APPROVED) {
            return CodeResult.VOIDED;
        }
        if (!clock.instant().isBefore(challenge.expiresAt())) {
            return CodeResult.EXPIRED;
        }
        String code = typed == null ? "" : typed.replaceAll("[\\s\\-]", "");
        if (code.matches("\\d{6}") && keyedHash.matches(CODE_PURPOSE, challenge.id() + ":" + code, challenge.codeHash().get())) {
            challenges.update(challenge.id(), ChallengeState.APPROVED, challenge.attempts());
            return CodeResult.ACCEPTED;
        }
        int attempts = challenge.attempts() + 1;
        boolean voided = attempts >= MAX_WRONG;
        challenges.update(challenge.id(), voided ? ChallengeState.VOIDED : ChallengeState.PENDING, attempts);
        return voided ? CodeResult.VOIDED : CodeResult.WRONG;
    }

    /** Where a call stands, for the page that waits on it. An unanswered call ends with the challenge. */
    @Transactional(readOnly = true)
    public ChallengeState callState(UUID challengeId, UUID userId) {
        return challenges.findById(challengeId)
                .filter(c -> c.userId().equals(userId) && c.channel() == Channel.VOICE)
                .map(c -> c.state() == ChallengeState.PENDING && !clock.instant().isBefore(c.expiresAt())
                        ? ChallengeState.VOIDED : c.state())
                .orElse(ChallengeState.VOIDED);
    }

    /** A key press on a call: # approves, 0# refuses and is recorded as a fraud report. */
    @Override
    @Transactional
    public void answered(UUID callId, String keys) {
        Optional<Challenge> found = challenges.findByCallIdForUpdate(callId);
        if (found.isEmpty() || found.get().state() != ChallengeState.PENDING
                || !clock.instant().isBefore(found.get().expiresAt())) {
            return;
        }
        Challenge challenge = found.get();
        if ("#".equals(keys)) {
            challenges.update(challenge.id(), ChallengeState.APPROVED, challenge.attempts());
            events.publishEvent(new CallAnswered(challenge.id(), ChallengeState.APPROVED));
        } else if ("0#".equals(keys)) {
            challenges.update(challenge.id(), ChallengeState.REFUSED, challenge.attempts());
            events.publishEvent(new CallAnswered(challenge.id(), ChallengeState.REFUSED));
            String actor = users.findById(challenge.userId()).map(User::email).orElse("unknown");
            audit.record(new AuditEvent(AuditEventType.FRAUD_REPORTED, AuditResult.SUCCESS, actor,
                    Optional.of(challenge.tenantId()), Optional.of(challenge.userId()), Optional.of("call_refused"),
                    ClientInfo.system(), Optional.of(challenge.purpose() + " call refused with 0#")));
            events.publishEvent(new FraudReported(challenge.userId(), ClientInfo.system()));
        }
    }
}
