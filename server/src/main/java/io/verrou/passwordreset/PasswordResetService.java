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
import io.verrou.crypto.KeyedHash;
import io.verrou.method.AuthMethod;
import io.verrou.method.AuthMethods;
import io.verrou.method.MethodKind;
import io.verrou.method.authenticator.PushRequests;
import io.verrou.method.authenticator.PushRequests.PushRequest;
import io.verrou.method.authenticator.PushRequests.PushResult;
import io.verrou.method.phone.PhoneNumbers;
import io.verrou.method.questions.SecurityQuestions;
import io.verrou.method.totp.TotpMethods;
import io.verrou.signin.JdbcSignInLockoutRepository;
import io.verrou.signin.UserSessions;
import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.tenant.MethodPolicy;
import io.verrou.throttle.AddressThrottle;
import io.verrou.user.JdbcUserRepository;
import io.verrou.user.PasswordSetter;
import io.verrou.user.Role;
import io.verrou.user.User;

import org.springframework.context.ApplicationEventPublisher;
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
    private static final String ADDRESS_PURPOSE = "reset-failures-from-address";
    /** How long a notification waits for its answer, the one pushed to nobody included. */
    static final Duration PUSH_LIFETIME = Duration.ofSeconds(60);

    private final JdbcUserRepository users;
    private final JdbcTenantRepository tenants;
    private final AuthMethods methods;
    private final ChallengeService challenges;
    private final PushRequests pushes;
    private final TotpMethods totp;
    private final SecurityQuestions questions;
    private final PhoneNumbers phones;
    private final PasswordSetter passwords;
    private final JdbcSignInLockoutRepository signInLockouts;
    private final JdbcResetLockouts resetLockouts;
    private final UserSessions sessions;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final AddressThrottle addresses;
    private final KeyedHash keyedHash;
    private final SecureRandom random;
    private final Clock clock;

    PasswordResetService(JdbcUserRepository users, JdbcTenantRepository tenants, AuthMethods methods,
            ChallengeService challenges, PushRequests pushes, TotpMethods totp, SecurityQuestions questions,
            PhoneNumbers phones, PasswordSetter passwords, JdbcSignInLockoutRepository signInLockouts,
            JdbcResetLockouts resetLockouts, UserSessions sessions, AuditLog audit,
            ApplicationEventPublisher events, PlatformTransactionManager transactions, AddressThrottle addresses,
            KeyedHash keyedHash, SecureRandom random, Clock clock) {
        this.addresses = addresses;
        this.keyedHash = keyedHash;
        this.users = users;
        this.tenants = tenants;
        this.methods = methods;
        this.challenges = challenges;
        this.pushes = pushes;
        this.totp = totp;
        this.questions = questions;
        this.phones = phones;
        this.passwords = passwords;
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
        return ResetSession.start(signInName, user.map(User::id), tenantId, client.ip(), clock.instant());
    }

    /** Whether the 15 minutes a reset may take are over. */
    boolean expired(ResetSession reset) {
        return !clock.instant().isBefore(reset.startedAt().plus(SESSION_LIFETIME));
    }

    /** Whether the organisation of the name lets its people reset their password; a domain of none says yes. */
    boolean enabledForTenant(ResetSession reset) {
        return reset.tenantId().map(id -> tenants.policy(id).resetEnabled()).orElse(true);
    }

    /** The end of the lockout of the name, or of the name from this reset's address, when either is locked. */
    Optional<Instant> lockedUntil(ResetSession reset) {
        Instant now = clock.instant();
        Optional<Instant> name = resetLockouts.lockedUntil(reset.signInName(), now);
        Optional<Instant> fromHere = resetLockouts.lockedUntil(addressKey(reset), now);
        return name.isPresent() && fromHere.isPresent()
                ? Optional.of(name.get().isAfter(fromHere.get()) ? name.get() : fromHere.get())
                : name.or(() -> fromHere);
    }

    /**
     * How many methods must be proved (SPEC S9): the organisation's policy, 1 or 2, and always 2 for an
     * administrator, as their sign-in needs two factors too.
     */
    int required(ResetSession reset) {
        if (account(reset).filter(u -> u.role() == Role.ADMIN).isPresent()) {
            return 2;
        }
        return reset.tenantId().map(id -> Math.max(1, tenants.policy(id).resetMethodsRequired())).orElse(1);
    }

    /**
     * Whether every method needed is proved. Reset is never weaker than sign-in (SPEC S9): someone who holds a
     * sign-in method (an app, a phone) must have proved one of those too, so that an email or the questions alone
     * never reset an account whose sign-in needs a second factor.
     */
    boolean verified(ResetSession reset) {
        return reset.userId().isPresent() && reset.verified().size() >= required(reset) && !needsSignInMethod(reset);
    }

    /** How many verification steps this reset has, for the "step N of M" heading. */
    int steps(ResetSession reset) {
        return verified(reset) ? reset.verified().size()
                : Math.max(required(reset), reset.verified().size() + (reset.verified().size() >= required(reset) ? 1 : 0));
    }

    /**
     * The ways offered at this step. The first step lists every way the organisation allows for reset, the same
     * for everyone; later steps, once the person has proved who they are, only their own other methods, and only
     * sign-in methods when one of those is all that is missing.
     */
    List<ResetOption> options(ResetSession reset) {
        List<MethodPolicy> policies = reset.tenantId().map(tenants::methodPolicies).orElse(List.of());
        List<ResetOption> allowed = Arrays.stream(ResetOption.values())
                .filter(option -> reset.tenantId().isEmpty() || allows(policies, option))
                .toList();
        if (reset.step() == 1) {
            return allowed;
        }
        boolean signInOnly = reset.verified().size() >= required(reset);
        List<AuthMethod> own = unproved(reset);
        return allowed.stream()
                .filter(option -> !signInOnly || option.provesSignInMethod())
                .filter(option -> own.stream().anyMatch(m -> option.uses(m.kind())))
                .toList();
    }

    /** Whether the person's account stops them here: MFA blocked after a reported request. */
    boolean blocked(ResetSession reset) {
        return reset.userId().map(users::mfaBlocked).orElse(false);
    }

    /**
     * Picks a way. The same screens follow for everyone, whether the account has that way or not (SPEC S9): a phone
     * or an email address is retyped before anything is sent, an app's code is asked for, questions are asked, and
     * a notification is pushed (to nobody, for an account without the app).
     */
    Outcome choose(ResetSession reset, ResetOption option, Locale locale, ClientInfo client) {
        if (lockedUntil(reset).isPresent()) {
            return new Outcome(reset.cleared(), Optional.empty(), true);
        }
        if (!options(reset).contains(option)) {
            return Outcome.next(reset.cleared());
        }
        ResetSession choosing = reset.choosing(option, Optional.empty());
        return switch (option) {
            case APP_NOTIFICATION -> notify(choosing, client);
            case QUESTIONS -> ask(choosing);
            default -> Outcome.next(choosing);
        };
    }

    /** Sends the same kind of code, call or notification again. */
    Outcome resend(ResetSession reset, Locale locale, ClientInfo client) {
        if (lockedUntil(reset).isPresent()) {
            return new Outcome(reset.cleared(), Optional.empty(), true);
        }
        if (reset.option().filter(o -> o == ResetOption.APP_NOTIFICATION).isPresent()) {
            return notify(reset.choosing(ResetOption.APP_NOTIFICATION, Optional.empty()), client);
        }
        Optional<AuthMethod> method = reset.methodId().flatMap(id -> find(reset, id));
        if (reset.option().isEmpty() || method.isEmpty()) {
            return Outcome.next(reset.cleared());
        }
        return send(reset, method.get(), locale, client);
    }

    /**
     * Checks the phone number or the email address the person retyped against theirs. A mismatch is a failed
     * verification, counted for the name from this address only: a stranger can't lock someone else's reset.
     */
    Outcome confirmContact(ResetSession reset, String region, String typed, Locale locale, ClientInfo client) {
        if (lockedUntil(reset).isPresent()) {
            return new Outcome(reset.cleared(), Optional.empty(), true);
        }
        ResetOption option = reset.option().orElseThrow();
        String given;
        if (option == ResetOption.EMAIL) {
            String address = typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
            if (address.isEmpty() || address.length() > 254 || address.indexOf('@') < 1) {
                return Outcome.refused(reset, "reset.email.invalid");
            }
            given = address;
        } else if (phones.check(region, typed, Channel.VOICE) instanceof PhoneNumbers.Check.Valid valid) {
            given = valid.e164();
        } else {
            return Outcome.refused(reset, "reset.phone.invalid");
        }
        byte[] bytes = given.getBytes(StandardCharsets.UTF_8);
        Optional<AuthMethod> match = candidates(reset, option).stream()
                .filter(m -> MessageDigest.isEqual(bytes, m.detail().orElse("").toLowerCase(Locale.ROOT)
                        .getBytes(StandardCharsets.UTF_8)))
                .findFirst();
        if (match.isEmpty()) {
            String what = option == ResetOption.EMAIL ? "email" : "phone";
            return failFromAddress(reset, what + "_mismatch", "reset." + what + ".mismatch", client);
        }
        if (option == ResetOption.SMS && phones.check(region, typed, Channel.SMS) instanceof PhoneNumbers.Check.Invalid) {
            return Outcome.refused(reset, "phone.notmobile");
        }
        return send(reset, match.get(), locale, client);
    }

    /** Checks a code: from the email, the text, or an authenticator app (for an account without one, never right). */
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
     * transaction: the answers are hashed, and no connection waits on that. Questions asked of an account without
     * them are checked against nothing, with the same hashing, so that they take the same time.
     */
    Outcome checkAnswers(ResetSession reset, List<String> answers, ClientInfo client) {
        if (lockedUntil(reset).isPresent()) {
            return new Outcome(reset.cleared(), Optional.empty(), true);
        }
        List<String> asked = reset.questionIds();
        if (asked.isEmpty() || reset.methodId().isEmpty()) {
            return Outcome.next(reset.cleared());
        }
        if (answers.size() != asked.size() || answers.stream().anyMatch(a -> a == null || a.isBlank())) {
            return Outcome.refused(reset, "reset.questions.required");
        }
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < asked.size(); i++) {
            given.put(asked.get(i), answers.get(i));
        }
        Optional<AuthMethod> method = find(reset, reset.methodId().get());
        boolean right = method.isPresent()
                ? questions.verify(reset.userId().orElseThrow(), given)
                : questions.verifyNothing(given);
        if (right) {
            return proved(reset, method.orElseThrow().id(), ResetOption.QUESTIONS, client);
        }
        Outcome failed = fail(reset, "wrong_answers", "reset.questions.wrong", client);
        if (failed.locked()) {
            return failed;
        }
        return new Outcome(ask(reset).session(), failed.error(), false);
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
        if (option.isEmpty() || reset.sentId().isEmpty()) {
            return Outcome.next(reset);
        }
        String state = state(reset);
        if ("PENDING".equals(state)) {
            return Outcome.next(reset);
        }
        if ("APPROVED".equals(state)) {
            return proved(reset, reset.methodId().orElseThrow(), option.get(), client);
        }
        ResetSession unsent = reset.choosing(option.get(), Optional.empty());
        String key = option.get() == ResetOption.VOICE
                ? ("REFUSED".equals(state) ? "reset.call.refused" : "call.ended")
                : "reset.push." + state.toLowerCase(Locale.ROOT);
        if ("EXPIRED".equals(state) || "VOIDED".equals(state)) {
            return Outcome.refused(unsent, key);
        }
        return fail(unsent, state.toLowerCase(Locale.ROOT), key, client);
    }

    /**
     * Where the call or notification sent stands: PENDING, APPROVED, or how it ended. A notification pushed to
     * nobody waits its minute, then expires, as an unanswered one does.
     */
    String state(ResetSession reset) {
        ResetOption option = reset.option().orElse(null);
        if (reset.sentId().isEmpty() || (option != ResetOption.VOICE && option != ResetOption.APP_NOTIFICATION)) {
            return "NONE";
        }
        UUID sent = reset.sentId().get();
        if (option == ResetOption.VOICE) {
            return reset.userId().map(user -> challenges.callState(sent, user).name()).orElse("VOIDED");
        }
        Optional<PushRequest> push = reset.userId().flatMap(user -> pushes.find(sent, user));
        if (push.isPresent()) {
            return push.get().state().name();
        }
        boolean waiting = reset.sentAt().map(at -> clock.instant().isBefore(at.plus(PUSH_LIFETIME))).orElse(false);
        return waiting ? "PENDING" : "EXPIRED";
    }

    /** The number the notification shows, for the page that waits on it. */
    Optional<String> pushNumber(ResetSession reset) {
        return reset.number();
    }

    /** The masked number a text or call went to. */
    Optional<String> maskedPhone(ResetSession reset) {
        return reset.methodId().flatMap(id -> find(reset, id)).flatMap(AuthMethod::detail).map(phones::masked);
    }

    /** The questions asked now, in the page's language. */
    List<String> questionTexts(ResetSession reset, Locale locale) {
        return reset.questionIds().stream()
                .map(id -> reset.tenantId().flatMap(tenant -> questions.text(tenant, id, locale))
                        .or(() -> questions.catalogueText(id, locale)).orElse(id))
                .toList();
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
        Optional<String> refusal = passwords.set(user, password, confirmation, client, now -> {
            signInLockouts.clear(user.email());
            resetLockouts.clear(reset.signInName());
            resetLockouts.clear(addressKey(reset));
            int ended = sessions.endAll(user.id(), Optional.empty());
            audit.record(AuditEvent.of(AuditEventType.PASSWORD_RESET, AuditResult.SUCCESS, user.email(), client)
                    .forUser(user.tenantId(), user.id()).withDetail(ended + " sessions ended"));
            events.publishEvent(new PasswordWasReset(user, client, now, locale));
        });
        if (refusal.isPresent()) {
            return new Finish.Refused(refusal.get());
        }
        return new Finish.Done();
    }

    // ---- shared ----

    /**
     * Pushes the notification to the person's app; for an account without one, to nobody, with a number shown all
     * the same. Either way it counts toward the address's sends.
     */
    private Outcome notify(ResetSession reset, ClientInfo client) {
        addresses.count(client.ip(), AddressThrottle.Action.SEND);
        Optional<AuthMethod> method = candidates(reset, ResetOption.APP_NOTIFICATION).stream().findFirst();
        Instant now = clock.instant();
        if (method.isEmpty()) {
            String number = Integer.toString(10 + random.nextInt(90));
            return Outcome.next(reset.withSent(UUID.randomUUID(), UUID.randomUUID(), now, Optional.of(number)));
        }
        User user = users.findById(method.get().userId()).orElseThrow();
        PushResult pushed = pushes.create(user, method.get().id(), PURPOSE, client);
        if (pushed instanceof PushResult.Created created) {
            return Outcome.next(reset.withSent(method.get().id(), created.request().id(), now,
                    Optional.of(created.request().number())));
        }
        return Outcome.refused(reset.cleared(), ((PushResult.Refused) pushed).messageKey());
    }

    private Outcome send(ResetSession reset, AuthMethod method, Locale locale, ClientInfo client) {
        User user = users.findById(method.userId()).orElseThrow();
        ResetOption option = reset.option().orElseThrow();
        Channel channel = option == ResetOption.EMAIL ? Channel.EMAIL
                : option == ResetOption.VOICE ? Channel.VOICE : Channel.SMS;
        SendResult sent = challenges.send(user, method.detail().orElseThrow(), channel, PURPOSE, locale, client);
        if (sent instanceof SendResult.Sent ok) {
            return Outcome.next(reset.withSent(method.id(), ok.challengeId(), clock.instant(), Optional.empty()));
        }
        ResetSession unsent = reset.sentId().isPresent() ? reset : reset.choosing(option, Optional.of(method.id()));
        ChallengeService.Refusal refusal = sent.refusal().orElseThrow();
        return new Outcome(unsent, Optional.of(new Message(refusal.messageKey(), refusal.argument())), false);
    }

    /**
     * Questions to answer: drawn from the person's own; for an account without them, drawn the same way from a set
     * that is always the same for the name, so that the page can't tell the two apart.
     */
    private Outcome ask(ResetSession reset) {
        int count = reset.tenantId().map(id -> tenants.policy(id).questionsToReset()).orElse(3);
        Optional<AuthMethod> method = candidates(reset, ResetOption.QUESTIONS).stream().findFirst();
        if (method.isPresent()) {
            return Outcome.next(reset.withQuestions(method.get().id(),
                    questions.askRandom(method.get().userId(), count, random)));
        }
        int registered = reset.tenantId().map(id -> tenants.policy(id).questionsToRegister()).orElse(3);
        List<String> set = questions.standIns(reset.signInName(), Math.max(count, registered));
        List<String> drawn = new ArrayList<>(set);
        for (int i = 0; i < Math.min(count, drawn.size()); i++) {
            java.util.Collections.swap(drawn, i, i + random.nextInt(drawn.size() - i));
        }
        return Outcome.next(reset.withQuestions(UUID.randomUUID(), List.copyOf(drawn.subList(0, Math.min(count, drawn.size())))));
    }

    private Outcome proved(ResetSession reset, UUID methodId, ResetOption option, ClientInfo client) {
        record(reset, AuditEventType.PASSWORD_RESET_VERIFICATION, AuditResult.SUCCESS, option.id(), client);
        return Outcome.next(reset.verified(methodId));
    }

    /** Counts a failed verification for the name; the one past the allowance locks reset for the name. */
    private Outcome fail(ResetSession reset, String reason, String messageKey, ClientInfo client) {
        return failUnder(reset.signInName(), reset, reason, messageKey, client);
    }

    /** Counts a failed verification for the name from this reset's address only. */
    private Outcome failFromAddress(ResetSession reset, String reason, String messageKey, ClientInfo client) {
        return failUnder(addressKey(reset), reset, reason, messageKey, client);
    }

    private Outcome failUnder(String key, ResetSession reset, String reason, String messageKey, ClientInfo client) {
        Instant now = clock.instant();
        record(reset, AuditEventType.PASSWORD_RESET_VERIFICATION, AuditResult.FAILURE,
                reset.option().map(ResetOption::id).orElse("") + "_" + reason, client);
        int failures = resetLockouts.recordFailure(key, now, now.minus(FAILURE_WINDOW));
        if (failures > ALLOWED_FAILURES) {
            resetLockouts.lock(key, now.plus(LOCKOUT));
            record(reset, AuditEventType.THROTTLED, AuditResult.FAILURE, "reset_locked", client);
            return new Outcome(reset.cleared(), Optional.empty(), true);
        }
        return Outcome.refused(reset, messageKey);
    }

    /** The key the name's failures from this reset's address are counted under: a keyed hash, never the address. */
    private String addressKey(ResetSession reset) {
        return "address:" + keyedHash.hash(ADDRESS_PURPOSE, reset.signInName() + "\n" + reset.address());
    }

    /** Whether the person holds a sign-in method and none of the methods proved so far is one. */
    private boolean needsSignInMethod(ResetSession reset) {
        if (reset.userId().isEmpty()) {
            return false;
        }
        List<AuthMethod> own = methods.of(reset.userId().get());
        boolean holdsOne = own.stream().anyMatch(m -> m.kind().canBeDefault());
        boolean provedOne = own.stream().anyMatch(m -> m.kind().canBeDefault() && reset.verified().contains(m.id()));
        return holdsOne && !provedOne;
    }

    private Optional<User> account(ResetSession reset) {
        return reset.userId().flatMap(users::findById);
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
        boolean admin = account(reset).map(u -> u.role() == Role.ADMIN).orElse(false);
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
