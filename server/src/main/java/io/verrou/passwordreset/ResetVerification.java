package io.verrou.passwordreset;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
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
import io.verrou.challenge.SecondFactorLockout.Verdict;
import io.verrou.method.AuthMethod;
import io.verrou.method.MethodKinds;
import io.verrou.method.MethodKinds.ResetOption;
import io.verrou.method.Proof;
import io.verrou.method.Proof.Answer;
import io.verrou.method.Proof.Approval;
import io.verrou.method.Proof.Flow;
import io.verrou.method.Proof.Sending;
import io.verrou.method.Retype;
import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.throttle.AddressThrottle;
import io.verrou.user.JdbcUserRepository;
import io.verrou.user.User;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Proving who you are on the reset portal (SPEC S9), one way at a time: each option's {@link Proof} says how, this
 * drives it. A name without an account, or an account without the way chosen, goes through the same screens and
 * fails the same way — a phone or an address is retyped before anything is sent, an app's code is asked for,
 * questions are asked, a notification is pushed to nobody — so the portal tells nothing about who has an account.
 */
@Component
class ResetVerification {

    /** How long a reset may take. */
    static final Duration SESSION_LIFETIME = Duration.ofMinutes(15);
    /** How long a notification pushed to nobody seems to wait for its answer, as a real one does. */
    static final Duration STAND_IN_LIFETIME = Duration.ofSeconds(60);

    private final ResetRules rules;
    private final ResetThrottle throttle;
    private final MethodKinds kinds;
    private final JdbcUserRepository users;
    private final JdbcTenantRepository tenants;
    private final AddressThrottle addresses;
    private final AuditLog audit;
    private final SecureRandom random;
    private final Clock clock;

    ResetVerification(ResetRules rules, ResetThrottle throttle, MethodKinds kinds, JdbcUserRepository users,
            JdbcTenantRepository tenants, AddressThrottle addresses, AuditLog audit, SecureRandom random, Clock clock) {
        this.rules = rules;
        this.throttle = throttle;
        this.kinds = kinds;
        this.users = users;
        this.tenants = tenants;
        this.addresses = addresses;
        this.audit = audit;
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

        static Outcome locked(ResetSession session) {
            return new Outcome(session.cleared(), Optional.empty(), true);
        }
    }

    /** Starts a reset for a normalised sign-in name, once the CAPTCHA is answered. */
    ResetSession start(String signInName, ClientInfo client) {
        Optional<User> user = users.findByEmail(signInName).filter(User::enabled);
        String domain = signInName.substring(signInName.indexOf('@') + 1);
        Optional<UUID> tenantId = user.map(User::tenantId).or(() -> tenants.findByDomain(domain).map(t -> t.id()));
        AuditEvent event = AuditEvent.of(AuditEventType.PASSWORD_RESET_STARTED, AuditResult.SUCCESS, signInName, client);
        audit.record(user.map(u -> event.forUser(u.tenantId(), u.id())).orElse(event.because("no_enabled_account")));
        return ResetSession.start(signInName, user.map(User::id), tenantId, client.ip(), clock.instant());
    }

    /** Whether the 15 minutes a reset may take are over. */
    boolean expired(ResetSession reset) {
        return !clock.instant().isBefore(reset.startedAt().plus(SESSION_LIFETIME));
    }

    /**
     * Picks a way: its form when something is retyped first, its questions, its code page, or what it sends (a
     * notification, to nobody for an account without the app).
     */
    Outcome choose(ResetSession reset, String optionId, Locale locale, ClientInfo client) {
        if (throttle.lockedUntil(reset).isPresent()) {
            return Outcome.locked(reset);
        }
        Optional<ResetOption> option = rules.offered(reset, optionId);
        if (option.isEmpty()) {
            return Outcome.next(reset.cleared());
        }
        ResetSession choosing = reset.choosing(option.get().id(), Optional.empty());
        Proof proof = option.get().proof();
        if (option.get().retype().isPresent()) {
            return Outcome.next(choosing);
        }
        if (proof.answer() == Answer.ANSWERS) {
            return ask(choosing, option.get());
        }
        return proof.sends() ? sendUnasked(choosing, option.get(), locale, client) : Outcome.next(choosing);
    }

    /** Sends the same kind of code, call or notification again. */
    Outcome resend(ResetSession reset, Locale locale, ClientInfo client) {
        if (throttle.lockedUntil(reset).isPresent()) {
            return Outcome.locked(reset);
        }
        Optional<ResetOption> option = option(reset).filter(o -> o.proof().sends());
        if (option.isEmpty()) {
            return Outcome.next(reset.cleared());
        }
        if (option.get().retype().isEmpty()) {
            return sendUnasked(reset.choosing(option.get().id(), Optional.empty()), option.get(), locale, client);
        }
        Optional<AuthMethod> method = reset.methodId().flatMap(id -> rules.find(reset, id));
        return method.map(m -> send(reset, option.get(), m, locale, client)).orElse(Outcome.next(reset.cleared()));
    }

    /**
     * Checks what the person retyped (a phone number, an email address) against theirs, then sends to it. A mismatch
     * is a failed verification, counted for the name from this address only.
     */
    Outcome confirmContact(ResetSession reset, Map<String, String> form, Locale locale, ClientInfo client) {
        if (throttle.lockedUntil(reset).isPresent()) {
            return Outcome.locked(reset);
        }
        Optional<ResetOption> option = option(reset).filter(o -> o.retype().isPresent());
        if (option.isEmpty()) {
            return Outcome.next(reset);
        }
        Retype retype = option.get().retype().get();
        Retype.Typed typed = retype.read(form);
        if (typed instanceof Retype.Typed.Invalid invalid) {
            return Outcome.refused(reset, invalid.messageKey());
        }
        Retype.Typed.Valid valid = (Retype.Typed.Valid) typed;
        Optional<AuthMethod> match = rules.candidates(reset, option.get()).stream()
                .filter(m -> retype.matches(m, valid.normalised())).findFirst();
        if (match.isEmpty()) {
            return failed(throttle.failedFromAddress(reset, retype.mismatchReason(), client), reset, retype.mismatchKey());
        }
        if (valid.unusableKey().isPresent()) {
            return Outcome.refused(reset, valid.unusableKey().get());
        }
        return send(reset, option.get(), match.get(), locale, client);
    }

    /** Checks a code: from the email, the text, or an authenticator app (for an account without one, never right). */
    @Transactional
    Outcome checkCode(ResetSession reset, String code, ClientInfo client) {
        if (throttle.lockedUntil(reset).isPresent()) {
            return Outcome.locked(reset);
        }
        Optional<ResetOption> option = option(reset).filter(o -> o.proof().answer() == Answer.CODE);
        if (option.isEmpty()) {
            return Outcome.next(reset.cleared());
        }
        if (code == null || code.isBlank()) {
            return Outcome.refused(reset, "code.required");
        }
        Proof proof = option.get().proof();
        Optional<User> user = reset.userId().flatMap(users::findById);
        // A code from an app proves whichever of the person's apps shows it; a code sent, the method it went to.
        List<AuthMethod> tried = proof.sends()
                ? reset.methodId().flatMap(id -> rules.find(reset, id)).stream().toList()
                : rules.candidates(reset, option.get());
        Proof.Check last = Proof.Check.wrong();
        for (AuthMethod method : tried) {
            last = proof.check(user.orElseThrow(), method, reset.sentId(), code);
            if (last.verdict() == Verdict.RIGHT) {
                return proved(reset, method.id(), option.get(), client);
            }
        }
        if (last.verdict() == Verdict.WRONG) {
            return failed(throttle.failed(reset, last.reason(), client), reset, last.messageKey());
        }
        return Outcome.refused(reset, last.messageKey());
    }

    /**
     * Checks the answers, by position of the questions asked; any wrong answer draws a new set. Not one
     * transaction: the answers are hashed, and no connection waits on that.
     */
    Outcome checkAnswers(ResetSession reset, List<String> answers, ClientInfo client) {
        if (throttle.lockedUntil(reset).isPresent()) {
            return Outcome.locked(reset);
        }
        Optional<ResetOption> option = option(reset).filter(o -> o.proof().answer() == Answer.ANSWERS);
        List<String> asked = reset.questionIds();
        if (option.isEmpty() || asked.isEmpty() || reset.methodId().isEmpty()) {
            return Outcome.next(reset.cleared());
        }
        if (answers.size() != asked.size() || answers.stream().anyMatch(a -> a == null || a.isBlank())) {
            return Outcome.refused(reset, "reset.questions.required");
        }
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < asked.size(); i++) {
            given.put(asked.get(i), answers.get(i));
        }
        Optional<AuthMethod> method = rules.find(reset, reset.methodId().get());
        if (option.get().proof().answered(method, given)) {
            return proved(reset, method.orElseThrow().id(), option.get(), client);
        }
        if (throttle.failed(reset, "wrong_answers", client)) {
            return Outcome.locked(reset);
        }
        return new Outcome(ask(reset, option.get()).session(), Optional.of(Message.of("reset.questions.wrong")), false);
    }

    /**
     * Looks at the call or notification sent: approved proves the method; a refusal, a denial or a wrong number is
     * a failed verification, after which another may be sent; an expired one is only said.
     */
    @Transactional
    Outcome poll(ResetSession reset, ClientInfo client) {
        if (throttle.lockedUntil(reset).isPresent()) {
            return Outcome.locked(reset);
        }
        Optional<ResetOption> option = option(reset).filter(o -> o.proof().answer() == Answer.APPROVAL);
        if (option.isEmpty() || reset.sentId().isEmpty()) {
            return Outcome.next(reset);
        }
        Approval approval = approval(reset, option.get());
        if (approval.pending()) {
            return Outcome.next(reset);
        }
        if (approval.approved()) {
            return proved(reset, reset.methodId().orElseThrow(), option.get(), client);
        }
        ResetSession unsent = reset.choosing(option.get().id(), Optional.empty());
        String key = option.get().proof().endedKey(Flow.RESET, approval.state());
        if (!approval.counted()) {
            return Outcome.refused(unsent, key);
        }
        return failed(throttle.failed(unsent, approval.state().toLowerCase(Locale.ROOT), client), unsent, key);
    }

    /**
     * Where the call or notification sent stands: PENDING, APPROVED, or how it ended; NONE when nothing is awaited.
     * A notification pushed to nobody waits its minute, then expires, as an unanswered one does.
     */
    String state(ResetSession reset) {
        return option(reset).filter(o -> o.proof().answer() == Answer.APPROVAL && reset.sentId().isPresent())
                .map(o -> approval(reset, o).state()).orElse("NONE");
    }

    /** What the method the code or call went to reaches, masked. */
    Optional<String> masked(ResetSession reset) {
        return reset.methodId().flatMap(id -> rules.find(reset, id)).map(m -> kinds.of(m).shownDetail(m));
    }

    /** The questions asked now, in the page's language. */
    List<String> questionTexts(ResetSession reset, Locale locale) {
        return option(reset).map(o -> o.proof().questionTexts(reset.questionIds(), reset.tenantId(), locale))
                .orElse(List.of());
    }

    /** The option chosen for this step, when there is one. */
    Optional<ResetOption> option(ResetSession reset) {
        return reset.option().flatMap(kinds::resetOption);
    }

    // ---- shared ----

    private Approval approval(ResetSession reset, ResetOption option) {
        UUID sent = reset.sentId().orElseThrow();
        Optional<AuthMethod> method = reset.methodId().flatMap(id -> rules.find(reset, id));
        if (method.isPresent()) {
            return option.proof().approval(method.get().userId(), sent);
        }
        boolean waiting = reset.sentAt().map(at -> clock.instant().isBefore(at.plus(STAND_IN_LIFETIME))).orElse(false);
        return new Approval(waiting ? "PENDING" : "EXPIRED", false);
    }

    /**
     * Sends what needs nothing retyped first (a notification to the app) to the person's first method of the option;
     * for an account without one, to nobody, with a number shown all the same. Either way it counts toward the
     * address's sends.
     */
    private Outcome sendUnasked(ResetSession reset, ResetOption option, Locale locale, ClientInfo client) {
        addresses.count(client.ip(), AddressThrottle.Action.SEND);
        Optional<AuthMethod> method = rules.candidates(reset, option).stream().findFirst();
        if (method.isEmpty()) {
            Sending.Sent standIn = option.proof().standIn(random);
            return Outcome.next(reset.withSent(UUID.randomUUID(), standIn.id(), clock.instant(), standIn.number()));
        }
        Outcome sent = send(reset, option, method.get(), locale, client);
        return sent.error().isPresent() ? new Outcome(reset.cleared(), sent.error(), false) : sent;
    }

    private Outcome send(ResetSession reset, ResetOption option, AuthMethod method, Locale locale, ClientInfo client) {
        User user = users.findById(method.userId()).orElseThrow();
        Sending sending = option.proof().send(user, method, Flow.RESET, locale, client);
        if (sending instanceof Sending.Sent sent) {
            return Outcome.next(reset.withSent(method.id(), sent.id(), clock.instant(), sent.number()));
        }
        Sending.Refused refused = (Sending.Refused) sending;
        ResetSession unsent = reset.sentId().isPresent() ? reset : reset.choosing(option.id(), Optional.of(method.id()));
        return new Outcome(unsent, Optional.of(new Message(refused.messageKey(), refused.argument())), false);
    }

    /** Questions to answer: drawn from the person's own, or stand-ins for an account without them. */
    private Outcome ask(ResetSession reset, ResetOption option) {
        Optional<AuthMethod> method = rules.candidates(reset, option).stream().findFirst();
        List<String> asked = option.proof().ask(method, reset.signInName(), reset.tenantId(), random);
        return Outcome.next(reset.withQuestions(method.map(AuthMethod::id).orElseGet(UUID::randomUUID), asked));
    }

    private Outcome proved(ResetSession reset, UUID methodId, ResetOption option, ClientInfo client) {
        throttle.record(reset, AuditEventType.PASSWORD_RESET_VERIFICATION, AuditResult.SUCCESS, option.id(), client);
        return Outcome.next(reset.verified(methodId));
    }

    /** A failure counted: the lockout when it began one, else the message on the same page. */
    private static Outcome failed(boolean locked, ResetSession reset, String messageKey) {
        return locked ? Outcome.locked(reset) : Outcome.refused(reset, messageKey);
    }
}
