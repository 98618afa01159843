package io.verrou.passwordreset;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.verrou.audit.AuditEvent;
import io.verrou.audit.AuditEventType;
import io.verrou.audit.AuditLog;
import io.verrou.audit.AuditResult;
import io.verrou.audit.ClientInfo;
import io.verrou.challenge.ChallengeService;
import io.verrou.challenge.ChallengeService.CodeResult;
import io.verrou.challenge.ChallengeService.SendResult;
import io.verrou.challenge.Channel;
import io.verrou.method.AuthMethod;
import io.verrou.method.AuthMethods;
import io.verrou.method.MethodKind;
import io.verrou.method.authenticator.PushRequests;
import io.verrou.method.authenticator.PushRequests.PushRequest;
import io.verrou.method.authenticator.PushRequests.PushResult;
import io.verrou.method.authenticator.PushRequests.PushState;
import io.verrou.method.phone.PhoneNumbers;
import io.verrou.method.questions.SecurityQuestions;
import io.verrou.method.totp.TotpMethods;
import io.verrou.signin.JdbcSignInLockoutRepository;
import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.tenant.MethodPolicy;
import io.verrou.user.JdbcUserRepository;
import io.verrou.user.NewPasswords;
import io.verrou.user.Role;
import io.verrou.user.User;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Self-service password reset (SPEC S9): proving who you are with one or two of your methods, then choosing a
 * new password. A name without an account, or an account without the method chosen, goes through the same
 * steps and fails the same way, so the portal tells nothing about who has an account. Five failed
 * verifications in an hour are allowed; the sixth locks reset for the name for 24 hours.
 */
@Service
class PasswordResetService {

    static final Duration SESSION_LIFETIME = Duration.ofMinutes(15);
    static final int ALLOWED_FAILURES = 5;
    static final Duration FAILURE_WINDOW = Duration.ofHours(1);
    static final Duration LOCKOUT = Duration.ofHours(24);
    private static final String PURPOSE = "reset";

    private final JdbcUserRepository users;
    private final JdbcTenantRepository tenants;
    private final AuthMethods methods;
    private final ChallengeService challenges;
    private final PushRequests pushes;
    private final TotpMethods totp;
    private final SecurityQuestions questions;
    private final PhoneNumbers phones;
    private final NewPasswords newPasswords;
    private final JdbcSignInLockoutRepository signInLockouts;
    private final JdbcResetLockouts resetLockouts;
    private final FindByIndexNameSessionRepository<?> sessions;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final SecureRandom random;
    private final Clock clock;

    PasswordResetService(JdbcUserRepository users, JdbcTenantRepository tenants, AuthMethods methods,
            ChallengeService challenges, PushRequests pushes, TotpMethods totp, SecurityQuestions questions,
            PhoneNumbers phones, NewPasswords newPasswords, JdbcSignInLockoutRepository signInLockouts,
            JdbcResetLockouts resetLockouts, FindByIndexNameSessionRepository<?> sessions, AuditLog audit,
            ApplicationEventPublisher events, PlatformTransactionManager transactions, SecureRandom random,
            Clock clock) {
        this.users = users;
        this.tenants = tenants;
        this.methods = methods;
        this.challenges = challenges;
        this.pushes = pushes;
        this.totp = totp;
        this.questions = questions;
        this.phones = phones;
        this.newPasswords = newPasswords;
        this.transaction = new TransactionTemplate(transactions);
        this.signInLockouts = signInLockouts;
        this.resetLockouts = resetLockouts;
        this.sessions = sessions;
        this.audit = audit;
        this.events = events;
        this.random = random;
        this.clock = clock;
    }

    /** A message for the page, with its argument. */
    record Message(String key, long argument) {
        static Message of(String key) {
            return new Message(key, 0);
        }
    }

    /** Where a verification action left the reset: the new state, what to tell the person, and whether it is now locked. */
    record Outcome(ResetSession session, Optional<Message> error, boolean locked) {
        static Outcome next(ResetSession session) {
            return new Outcome(session, Optional.empty(), false);
        }

        static Outcome refused(ResetSession session, String key) {
            return new Outcome(session, Optional.of(Message.of(key)), false);
        }
    }

    /** How choosing the new password ended. */
    sealed interface Finish {
        /** The password is reset. */
        record Done() implements Finish {
        }

        /** Not reset; the message says why. */
        record Refused(String messageKey) implements Finish {
        }
    }

    /** Starts a reset for a normalised sign-in name, once the CAPTCHA is answered. */
    ResetSession start(String signInName, ClientInfo client) {
        Optional<User> user = users.findByEmail(signInName).filter(User::enabled);
        String domain = signInName.substring(signInName.indexOf('@') + 1);
        Optional<UUID> tenantId = user.map(User::tenantId)
                .or(() -> tenants.findByDomain(domain).map(t -> t.id()));
        AuditEvent event = AuditEvent.of(AuditEventType.PASSWORD_RESET_STARTED, AuditResult.SUCCESS, signInName, client);
        audit.record(user.map(u -> event.forUser(u.tenantId(), u.id())).orElse(event.because("no_enabled_account")));
        return ResetSession.start(signInName, user.map(User::id), tenantId, clock.instant());
    }

    /** Whether the 15 minutes a reset may take are over. */
    boolean expired(ResetSession reset) {
        return !clock.instant().isBefore(reset.startedAt().plus(SESSION_LIFETIME));
    }

    /** Whether the organisation of the name lets its people reset their password; a domain of none says yes. */
    boolean enabledForTenant(ResetSession reset) {
        return reset.tenantId().map(id -> tenants.policy(id).resetEnabled()).orElse(true);
    }

    Optional<Instant> lockedUntil(ResetSession reset) {
        return resetLockouts.lockedUntil(reset.signInName(), clock.instant());
    }

    /** How many methods must be proved: the organisation's policy, 1 or 2. */
    int required(ResetSession reset) {
        return reset.tenantId().map(id -> Math.max(1, tenants.policy(id).resetMethodsRequired())).orElse(1);
    }

    /** Whether every method needed is proved. */
    boolean verified(ResetSession reset) {
        return reset.userId().isPresent() && reset.verified().size() >= required(reset);
    }

    /**
     * The ways offered at this step. The first step lists every way the organisation allows for reset, the same
     * for everyone; the second, once the person has proved who they are, only their own other methods.
     */
    List<ResetOption> options(ResetSession reset) {
        List<MethodPolicy> policies = reset.tenantId().map(tenants::methodPolicies).orElse(List.of());
        List<ResetOption> allowed = Arrays.stream(ResetOption.values())
                .filter(option -> reset.tenantId().isEmpty() || allows(policies, option))
                .toList();
        if (reset.step() == 1) {
            return allowed;
        }
        List<AuthMethod> own = unproved(reset);
        return allowed.stream().filter(option -> own.stream().anyMatch(m -> option.uses(m.kind()))).toList();
    }

    /** Whether the person's account stops them here: MFA blocked after a reported request. */
    boolean blocked(ResetSession reset) {
        return reset.userId().map(users::mfaBlocked).orElse(false);
    }

    /** Picks a way: sends the email code or the notification at once; a phone is retyped first. */
    Outcome choose(ResetSession reset, ResetOption option, Locale locale, ClientInfo client) {
        if (lockedUntil(reset).isPresent()) {
            return new Outcome(reset.cleared(), Optional.empty(), true);
        }
        if (!options(reset).contains(option)) {
            return Outcome.next(reset.cleared());
        }
        ResetSession choosing = reset.choosing(option, Optional.empty());
        if (option == ResetOption.SMS || option == ResetOption.VOICE) {
            return Outcome.next(choosing);
        }
        List<AuthMethod> candidates = candidates(reset, option);
        if (candidates.isEmpty()) {
            record(reset, AuditEventType.PASSWORD_RESET_VERIFICATION, AuditResult.FAILURE, option.id() + "_not_set_up", client);
            return Outcome.refused(reset.cleared(), "reset.notsetup");
        }
        return switch (option) {
            case APP_CODE -> Outcome.next(choosing);
            case QUESTIONS -> ask(choosing, candidates.get(0));
            default -> send(choosing, candidates.get(0), locale, client);
        };
    }

    /** Sends the same kind of code, call or notification again. */
    Outcome resend(ResetSession reset, Locale locale, ClientInfo client) {
        if (lockedUntil(reset).isPresent()) {
            return new Outcome(reset.cleared(), Optional.empty(), true);
        }
        Optional<AuthMethod> method = reset.methodId().flatMap(id -> find(reset, id));
        if (reset.option().isEmpty() || method.isEmpty()) {
            return Outcome.next(reset.cleared());
        }
        return send(reset, method.get(), locale, client);
    }

    /** Checks the phone number the person retyped against theirs; a mismatch is a failed verification. */
    Outcome confirmPhone(ResetSession reset, String region, String typed, Locale locale, ClientInfo client) {
        if (lockedUntil(reset).isPresent()) {
            return new Outcome(reset.cleared(), Optional.empty(), true);
        }
        ResetOption option = reset.option().orElseThrow();
        Channel channel = option == ResetOption.VOICE ? Channel.VOICE : Channel.SMS;
        if (!(phones.check(region, typed, Channel.VOICE) instanceof PhoneNumbers.Check.Valid valid)) {
            return Outcome.refused(reset, "reset.phone.invalid");
        }
        byte[] given = valid.e164().getBytes(StandardCharsets.UTF_8);
        Optional<AuthMethod> match = candidates(reset, option).stream()
                .filter(m -> MessageDigest.isEqual(given, m.detail().orElse("").getBytes(StandardCharsets.UTF_8)))
                .findFirst();
        if (match.isEmpty()) {
            return fail(reset, "phone_mismatch", "reset.phone.mismatch", client);
        }
        if (channel == Channel.SMS && phones.check(region, typed, Channel.SMS) instanceof PhoneNumbers.Check.Invalid) {
            return Outcome.refused(reset, "phone.notmobile");
        }
        return send(reset, match.get(), locale, client);
    }

    /** Checks a code: from the email, the text, or an authenticator app. */
    @Transactional
    Outcome checkCode(ResetSession reset, String code, ClientInfo client) {
        if (lockedUntil(reset).isPresent()) {
            return new Outcome(reset.cleared(), Optional.empty(), true);
        }
        ResetOption option = reset.option().orElseThrow();
        if (code == null || code.isBlank()) {
            return Outcome.refused(reset, "code.required");
        }
        if (option == ResetOption.APP_CODE) {
            for (AuthMethod method : candidates(reset, option)) {
                if (totp.verify(method, code)) {
                    return proved(reset, method.id(), option, client);
                }
            }
            return fail(reset, "wrong_code", "code.wrong", client);
        }
        UUID user = reset.userId().orElse(null);
        CodeResult result = reset.sentId().filter(id -> user != null)
                .map(id -> challenges.verifyCode(id, user, code)).orElse(CodeResult.WRONG);
        return switch (result) {
            case ACCEPTED -> proved(reset, reset.methodId().orElseThrow(), option, client);
            case EXPIRED -> Outcome.refused(reset, "code.expired");
            case VOIDED, UNKNOWN -> fail(reset, "voided_code", "code.voided", client);
            case WRONG -> fail(reset, "wrong_code", "code.wrong", client);
        };
    }

    /**
     * Checks the answers, by position of the questions asked; any wrong answer draws a new set. Not one
     * transaction: the answers are hashed, and no connection waits on that.
     */
    Outcome checkAnswers(ResetSession reset, List<String> answers, ClientInfo client) {
        if (lockedUntil(reset).isPresent()) {
            return new Outcome(reset.cleared(), Optional.empty(), true);
        }
        List<String> asked = reset.questionIds();
        UUID methodId = reset.methodId().orElse(null);
        if (asked.isEmpty() || methodId == null || reset.userId().isEmpty()) {
            return Outcome.next(reset.cleared());
        }
        if (answers.size() != asked.size() || answers.stream().anyMatch(a -> a == null || a.isBlank())) {
            return Outcome.refused(reset, "reset.questions.required");
        }
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < asked.size(); i++) {
            given.put(asked.get(i), answers.get(i));
        }
        if (questions.verify(reset.userId().get(), given)) {
            return proved(reset, methodId, ResetOption.QUESTIONS, client);
        }
        Outcome failed = fail(reset, "wrong_answers", "reset.questions.wrong", client);
        if (failed.locked()) {
            return failed;
        }
        AuthMethod method = find(reset, methodId).orElseThrow();
        return new Outcome(ask(reset, method).session(), failed.error(), false);
    }

    /**
     * Looks at the call or notification sent: approved proves the method; refused, denied, a wrong number or
     * expiry is a failed verification, after which another may be sent.
     */
    @Transactional
    Outcome poll(ResetSession reset, ClientInfo client) {
        if (lockedUntil(reset).isPresent()) {
            return new Outcome(reset.cleared(), Optional.empty(), true);
        }
        Optional<ResetOption> option = reset.option().filter(o -> o == ResetOption.VOICE || o == ResetOption.APP_NOTIFICATION);
        if (option.isEmpty() || reset.sentId().isEmpty() || reset.userId().isEmpty()) {
            return Outcome.next(reset);
        }
        String state = state(reset);
        if ("PENDING".equals(state)) {
            return Outcome.next(reset);
        }
        if ("APPROVED".equals(state)) {
            return proved(reset, reset.methodId().orElseThrow(), option.get(), client);
        }
        ResetSession unsent = reset.choosing(option.get(), reset.methodId());
        String key = option.get() == ResetOption.VOICE
                ? ("REFUSED".equals(state) ? "reset.call.refused" : "call.ended")
                : "reset.push." + state.toLowerCase(Locale.ROOT);
        if ("EXPIRED".equals(state) || "VOIDED".equals(state)) {
            return Outcome.refused(unsent, key);
        }
        return fail(unsent, state.toLowerCase(Locale.ROOT), key, client);
    }

    /** Where the call or notification sent stands: PENDING, APPROVED, or how it ended. */
    String state(ResetSession reset) {
        ResetOption option = reset.option().orElse(null);
        if (reset.sentId().isEmpty() || reset.userId().isEmpty()
                || (option != ResetOption.VOICE && option != ResetOption.APP_NOTIFICATION)) {
            return "NONE";
        }
        UUID sent = reset.sentId().get();
        UUID user = reset.userId().get();
        if (option == ResetOption.VOICE) {
            return challenges.callState(sent, user).name();
        }
        return pushes.find(sent, user).map(PushRequest::state).orElse(PushState.EXPIRED).name();
    }

    /** The number the notification shows, for the page that waits on it. */
    Optional<String> pushNumber(ResetSession reset) {
        return reset.sentId().flatMap(id -> reset.userId().flatMap(user -> pushes.find(id, user)))
                .map(PushRequest::number);
    }

    /** The masked number a text or call went to. */
    Optional<String> maskedPhone(ResetSession reset) {
        return reset.methodId().flatMap(id -> find(reset, id)).flatMap(AuthMethod::detail).map(phones::masked);
    }

    /** The questions asked now, in the page's language. */
    List<String> questionTexts(ResetSession reset, Locale locale) {
        UUID tenantId = reset.tenantId().orElseThrow();
        return reset.questionIds().stream().map(id -> questions.text(tenantId, id, locale).orElse(id)).toList();
    }

    /**
     * Sets the new password once every method needed is proved: it must follow the rules, and be typed twice.
     * The account is unlocked, every session and remembered browser of the person ends, and the person is told
     * by email (their administrators too, when an administrator reset their own).
     */
    Finish finish(ResetSession reset, String password, String confirmation, Locale locale, ClientInfo client) {
        if (!verified(reset) || blocked(reset)) {
            return new Finish.Refused("reset.session.ended");
        }
        User user = users.findById(reset.userId().get()).orElseThrow();
        if (password == null || password.isEmpty()) {
            return new Finish.Refused("reset.password.required");
        }
        if (!password.equals(confirmation)) {
            return new Finish.Refused("reset.password.mismatch");
        }
        // Checked and hashed before the transaction: no connection waits on the hash.
        NewPasswords.Choice choice = newPasswords.choose(user, password, client);
        if (choice instanceof NewPasswords.Choice.Refused refused) {
            return new Finish.Refused(refused.problem().messageKey());
        }
        String hash = ((NewPasswords.Choice.Accepted) choice).hash();
        transaction.executeWithoutResult(status -> {
            Instant now = clock.instant();
            users.changePassword(user.id(), hash, now);
            signInLockouts.clear(user.email());
            resetLockouts.clear(reset.signInName());
            users.rotateSecurityStamp(user.id());
            List<String> ended = List.copyOf(sessions.findByPrincipalName(user.id().toString()).keySet());
            ended.forEach(sessions::deleteById);
            audit.record(AuditEvent.of(AuditEventType.PASSWORD_RESET, AuditResult.SUCCESS, user.email(), client)
                    .forUser(user.tenantId(), user.id()).withDetail(ended.size() + " sessions ended"));
            events.publishEvent(new PasswordWasReset(user, client, now, locale));
        });
        return new Finish.Done();
    }

    // ---- shared ----

    private Outcome send(ResetSession reset, AuthMethod method, Locale locale, ClientInfo client) {
        User user = users.findById(method.userId()).orElseThrow();
        ResetOption option = reset.option().orElseThrow();
        if (option == ResetOption.APP_NOTIFICATION) {
            PushResult pushed = pushes.create(user, method.id(), PURPOSE, client);
            if (pushed instanceof PushResult.Created created) {
                return Outcome.next(reset.withSent(method.id(), created.request().id()));
            }
            return Outcome.refused(reset.cleared(), ((PushResult.Refused) pushed).messageKey());
        }
        Channel channel = option == ResetOption.EMAIL ? Channel.EMAIL
                : option == ResetOption.VOICE ? Channel.VOICE : Channel.SMS;
        SendResult sent = challenges.send(user, method.detail().orElseThrow(), channel, PURPOSE, locale, client);
        if (sent instanceof SendResult.Sent ok) {
            return Outcome.next(reset.withSent(method.id(), ok.challengeId()));
        }
        ResetSession unsent = reset.sentId().isPresent() ? reset : reset.choosing(option, Optional.of(method.id()));
        if (sent instanceof SendResult.Throttled throttled) {
            return new Outcome(unsent, Optional.of(new Message(throttled.messageKey(), throttled.argument())), false);
        }
        return Outcome.refused(unsent, "delivery.failed");
    }

    private Outcome ask(ResetSession reset, AuthMethod method) {
        int count = tenants.policy(reset.tenantId().orElseThrow()).questionsToReset();
        List<String> drawn = questions.askRandom(method.userId(), count, random);
        return Outcome.next(reset.withQuestions(method.id(), drawn));
    }

    private Outcome proved(ResetSession reset, UUID methodId, ResetOption option, ClientInfo client) {
        record(reset, AuditEventType.PASSWORD_RESET_VERIFICATION, AuditResult.SUCCESS, option.id(), client);
        return Outcome.next(reset.verified(methodId));
    }

    /** Counts a failed verification; the one past the allowance locks reset for the name. */
    private Outcome fail(ResetSession reset, String reason, String messageKey, ClientInfo client) {
        Instant now = clock.instant();
        record(reset, AuditEventType.PASSWORD_RESET_VERIFICATION, AuditResult.FAILURE,
                reset.option().map(ResetOption::id).orElse("") + "_" + reason, client);
        int failures = resetLockouts.recordFailure(reset.signInName(), now, now.minus(FAILURE_WINDOW));
        if (failures > ALLOWED_FAILURES) {
            resetLockouts.lock(reset.signInName(), now.plus(LOCKOUT));
            record(reset, AuditEventType.THROTTLED, AuditResult.FAILURE, "reset_locked", client);
            return new Outcome(reset.cleared(), Optional.empty(), true);
        }
        return Outcome.refused(reset, messageKey);
    }

    /** The person's methods this option can prove and the policy lets serve reset, not yet proved. */
    private List<AuthMethod> candidates(ResetSession reset, ResetOption option) {
        if (reset.userId().isEmpty() || reset.tenantId().isEmpty()
                || !allows(tenants.methodPolicies(reset.tenantId().get()), option)) {
            return List.of();
        }
        return unproved(reset).stream().filter(m -> option.uses(m.kind())).toList();
    }

    /** The person's methods not proved yet in this reset; never security questions for an administrator. */
    private List<AuthMethod> unproved(ResetSession reset) {
        if (reset.userId().isEmpty()) {
            return List.of();
        }
        boolean admin = users.findById(reset.userId().get()).map(u -> u.role() == Role.ADMIN).orElse(false);
        List<AuthMethod> found = new ArrayList<>();
        for (AuthMethod method : methods.of(reset.userId().get())) {
            if (!reset.verified().contains(method.id()) && !(admin && method.kind() == MethodKind.QUESTIONS)) {
                found.add(method);
            }
        }
        return found;
    }

    private Optional<AuthMethod> find(ResetSession reset, UUID methodId) {
        return reset.userId().stream().flatMap(user -> methods.of(user).stream())
                .filter(m -> m.id().equals(methodId)).findFirst();
    }

    private static boolean allows(List<MethodPolicy> policies, ResetOption option) {
        return policies.stream().anyMatch(p -> p.enabled() && p.forReset() && option.offeredBy(p.method()));
    }

    private void record(ResetSession reset, AuditEventType type, AuditResult result, String reason, ClientInfo client) {
        AuditEvent event = AuditEvent.of(type, result, reset.signInName(), client).because(reason);
        if (reset.userId().isPresent() && reset.tenantId().isPresent()) {
            event = event.forUser(reset.tenantId().get(), reset.userId().get());
        }
        audit.record(event.withDetail("step " + reset.step()));
    }

    /** Published once a password is reset, for the emails that follow the commit. */
    record PasswordWasReset(User user, ClientInfo client, Instant when, Locale locale) {
    }
}
