package io.verrou.signin;

import java.time.Duration;
import java.util.ArrayList;
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
import io.verrou.challenge.ChallengeState;
import io.verrou.challenge.Channel;
import io.verrou.challenge.SecondFactorLockout;
import io.verrou.challenge.SecondFactorLockout.Outcome;
import io.verrou.challenge.SecondFactorLockout.Verdict;
import io.verrou.challenge.WaitingBrowsers;
import io.verrou.method.AuthMethod;
import io.verrou.method.MethodKind;
import io.verrou.method.authenticator.PushRequests;
import io.verrou.method.authenticator.PushRequests.PushRequest;
import io.verrou.method.authenticator.PushRequests.PushResult;
import io.verrou.method.authenticator.PushRequests.PushState;
import io.verrou.method.phone.PhoneNumbers;
import io.verrou.method.totp.TotpMethods;
import io.verrou.signin.SecondFactorState.Mode;
import io.verrou.signin.SignInInterrupt.Stage;
import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.user.JdbcUserRepository;
import io.verrou.user.SignedInUser;
import io.verrou.user.User;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.ExtendedModelMap;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The second-factor step after the password, and the step-up before Security info (SPEC S5): it starts
 * with the default method — a push to the Verrou Authenticator with the number to type in it, the app's
 * code, a text or a call — and "Sign in another way" lists the others. Five wrong codes end the attempt, and every
 * wrong code, number or denial counts toward the person's second-factor lockout, kept in the database
 * ({@link SecondFactorLockout}).
 */
@Controller
class SecondFactorController {

    static final String STATE = SecondFactorController.class.getName() + ".STATE";
    static final int MAX_WRONG_CODES = 5;

    private final SecondFactorRequirement requirement;
    private final TotpMethods totp;
    private final ChallengeService challenges;
    private final PushRequests pushes;
    private final PhoneNumbers phones;
    private final SignInSessions sessions;
    private final RememberedBrowsers remembered;
    private final RequestCache requestCache;
    private final JdbcUserRepository users;
    private final JdbcTenantRepository tenants;
    private final AuditLog audit;
    private final WaitingBrowsers waiting;
    private final SignInInterrupts interrupts;
    private final SecondFactorLockout lockout;

    SecondFactorController(SecondFactorRequirement requirement, TotpMethods totp, ChallengeService challenges,
            PushRequests pushes, PhoneNumbers phones, SignInSessions sessions, RememberedBrowsers remembered,
            RequestCache requestCache, JdbcUserRepository users, JdbcTenantRepository tenants, AuditLog audit,
            WaitingBrowsers waiting, SignInInterrupts interrupts, SecondFactorLockout lockout) {
        this.lockout = lockout;
        this.interrupts = interrupts;
        this.requirement = requirement;
        this.totp = totp;
        this.challenges = challenges;
        this.pushes = pushes;
        this.phones = phones;
        this.sessions = sessions;
        this.remembered = remembered;
        this.requestCache = requestCache;
        this.users = users;
        this.tenants = tenants;
        this.audit = audit;
        this.waiting = waiting;
    }

    @GetMapping({"/signin/verify", "/signin/verify/check"})
    String verifyPage(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam(defaultValue = "false") boolean remember,
            HttpSession session, HttpServletRequest request, HttpServletResponse response, Locale locale, Model model) {
        User user = user(signedIn);
        if (users.mfaBlocked(user.id())) {
            return blocked(user, "mfa.blocked.text", 0, model);
        }
        Optional<Duration> locked = lockout.lockedFor(user.id());
        if (locked.isPresent()) {
            return lockedPage(user, locked.get(), model);
        }
        List<AuthMethod> usable = requirement.usable(user.id(), user.tenantId());
        if (usable.isEmpty()) {
            return "redirect:/account";
        }
        SecondFactorState state = state(session).filter(s -> find(usable, s.methodId()).isPresent())
                .orElseGet(() -> start(usable.get(0)));
        AuthMethod method = find(usable, state.methodId()).orElseThrow();
        if (state.sentId().isEmpty() && state.mode() != Mode.CODE) {
            Optional<String> refused = send(user, method, state, session, request, locale, model);
            if (refused.isEmpty()) {
                return "redirect:/signin/verify";
            }
        } else {
            session.setAttribute(STATE, state);
        }
        SecondFactorState current = state(session).orElseThrow();
        if (current.mode() == Mode.VOICE && current.sentId().isPresent()) {
            ChallengeState call = challenges.callState(current.sentId().get(), user.id());
            if (call == ChallengeState.APPROVED) {
                return complete(user, Factors.VOICE, remember, session, request, response);
            }
            waitOrExplain(call == ChallengeState.PENDING, call == ChallengeState.REFUSED ? "mfa.call.refused" : "call.ended", model);
        }
        if (current.mode() == Mode.PUSH && current.sentId().isPresent()) {
            PushState push = pushes.find(current.sentId().get(), user.id()).map(PushRequest::state).orElse(PushState.EXPIRED);
            if (push == PushState.APPROVED) {
                return complete(user, Factors.PUSH, remember, session, request, response);
            }
            pushes.find(current.sentId().get(), user.id()).ifPresent(p -> model.addAttribute("number", p.number()));
            waitOrExplain(push == PushState.PENDING, "mfa.push." + push.name().toLowerCase(Locale.ROOT), model);
        }
        return page(user, method, current, usable, model);
    }

    /**
     * Where a push or a call stands, for the small script that waits on it without reloading the page. With
     * {@code wait}, a pending push is answered as soon as the app answers it (a long poll).
     */
    @GetMapping("/signin/verify/status")
    @ResponseBody
    DeferredResult<Map<String, String>> status(@AuthenticationPrincipal SignedInUser signedIn,
            @RequestParam(defaultValue = "0") int wait, HttpSession session) {
        Optional<SecondFactorState> state = state(session)
                .filter(s -> s.sentId().isPresent() && (s.mode() == Mode.PUSH || s.mode() == Mode.VOICE));
        return waiting.status(state.flatMap(SecondFactorState::sentId), wait, () -> state.get().mode() == Mode.PUSH
                ? pushes.find(state.get().sentId().get(), signedIn.userId()).map(p -> p.state().name()).orElse("EXPIRED")
                : challenges.callState(state.get().sentId().get(), signedIn.userId()).name());
    }

    @PostMapping("/signin/verify")
    String verify(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam(defaultValue = "") String code,
            @RequestParam(defaultValue = "false") boolean remember, HttpSession session, HttpServletRequest request,
            HttpServletResponse response, Locale locale, Model model) {
        User user = user(signedIn);
        if (users.mfaBlocked(user.id())) {
            return "redirect:/signin/verify";
        }
        List<AuthMethod> usable = requirement.usable(user.id(), user.tenantId());
        Optional<SecondFactorState> found = state(session).or(() -> usable.stream().findFirst().map(SecondFactorController::start));
        Optional<AuthMethod> method = found.flatMap(s -> find(usable, s.methodId()));
        if (found.isEmpty() || method.isEmpty() || found.get().mode() == Mode.VOICE || found.get().mode() == Mode.PUSH) {
            return "redirect:/signin/verify";
        }
        SecondFactorState state = found.get();
        if (code.isBlank()) {
            model.addAttribute("error", "code.required");
            return page(user, method.get(), state, usable, model);
        }
        ClientInfo client = ClientInfo.from(request);
        if (state.mode() == Mode.CODE) {
            Outcome outcome = lockout.check(user, "totp", client,
                    () -> totp.verify(method.get(), code) ? Verdict.RIGHT : Verdict.WRONG);
            if (outcome instanceof Outcome.Accepted) {
                return complete(user, Factors.TOTP, remember, session, request, response);
            }
            if (lockedNow(outcome)) {
                return "redirect:/signin/verify";
            }
            SecondFactorState after = state.withWrongCode();
            if (after.wrongCodes() >= MAX_WRONG_CODES) {
                return tooMany(user, session, request);
            }
            session.setAttribute(STATE, after);
            model.addAttribute("error", "code.wrong");
            return page(user, method.get(), after, usable, model);
        }
        CodeResult[] result = {CodeResult.UNKNOWN};
        Outcome outcome = lockout.check(user, "sms", client, () -> {
            result[0] = state.sentId().map(id -> challenges.verifyCode(id, user.id(), code)).orElse(CodeResult.UNKNOWN);
            return switch (result[0]) {
                case ACCEPTED -> Verdict.RIGHT;
                case WRONG, VOIDED -> Verdict.WRONG;
                case EXPIRED, UNKNOWN -> Verdict.NOT_COUNTED;
            };
        });
        if (outcome instanceof Outcome.Accepted) {
            return complete(user, Factors.SMS, remember, session, request, response);
        }
        if (lockedNow(outcome)) {
            return "redirect:/signin/verify";
        }
        model.addAttribute("error", result[0].refusalKey().orElse("code.voided"));
        return page(user, method.get(), state, usable, model);
    }

    /** Whether the check found the second factor locked, or locked it just now: the locked page says so. */
    private static boolean lockedNow(Outcome outcome) {
        return outcome instanceof Outcome.Locked || (outcome instanceof Outcome.Refused refused && refused.lockedNow());
    }

    /**
     * Sends the text, call or request again now. When nothing new can be sent (the 30 seconds are not over, a
     * limit), the one sent before still counts and the page says why, so that it never claims a code it didn't send.
     */
    @PostMapping("/signin/verify/resend")
    String resend(@AuthenticationPrincipal SignedInUser signedIn, HttpSession session, HttpServletRequest request,
            Locale locale, RedirectAttributes redirect) {
        User user = user(signedIn);
        Optional<SecondFactorState> state = state(session).filter(s -> s.mode() != Mode.CODE);
        Optional<AuthMethod> method = state.flatMap(s -> find(requirement.usable(user.id(), user.tenantId()), s.methodId()));
        if (state.isEmpty() || method.isEmpty() || users.mfaBlocked(user.id()) || lockout.lockedFor(user.id()).isPresent()) {
            return "redirect:/signin/verify";
        }
        Model flash = new ExtendedModelMap();
        Optional<String> refused = send(user, method.get(), state.get(), session, request, locale, flash);
        if (refused.isEmpty()) {
            redirect.addFlashAttribute("notice", "code.resent");
        } else {
            // The one sent before, if any, is still the one to answer.
            session.setAttribute(STATE, state.get());
            redirect.addFlashAttribute("error", flash.getAttribute("error"));
            redirect.addFlashAttribute("errorArgument", flash.getAttribute("errorArgument"));
        }
        return "redirect:/signin/verify";
    }

    @GetMapping("/signin/verify/other")
    String otherWays(@AuthenticationPrincipal SignedInUser signedIn, Model model) {
        User user = user(signedIn);
        model.addAttribute("tenantName", tenantName(user));
        model.addAttribute("options", options(requirement.usable(user.id(), user.tenantId())));
        return "signin/verify-other";
    }

    @PostMapping("/signin/verify/other")
    String chooseOther(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam(defaultValue = "") String option,
            HttpSession session) {
        User user = user(signedIn);
        Optional<Option> chosen = options(requirement.usable(user.id(), user.tenantId())).stream()
                .filter(o -> o.value().equals(option)).findFirst();
        if (chosen.isEmpty()) {
            return "redirect:/signin/verify/other";
        }
        int wrong = state(session).map(SecondFactorState::wrongCodes).orElse(0);
        session.setAttribute(STATE, new SecondFactorState(chosen.get().methodId(), chosen.get().mode(), Optional.empty(), wrong));
        return "redirect:/signin/verify";
    }

    // ---- shared ----

    /** Sends the text, places the call or pushes the request; returns the reason when it could not. */
    private Optional<String> send(User user, AuthMethod method, SecondFactorState state, HttpSession session,
            HttpServletRequest request, Locale locale, Model model) {
        ClientInfo client = ClientInfo.from(request);
        if (state.mode() == Mode.PUSH) {
            PushResult pushed = pushes.create(user, method.id(), "signin", client);
            if (pushed instanceof PushResult.Created created) {
                session.setAttribute(STATE, state.withSent(created.request().id()));
                return Optional.empty();
            }
            String reason = ((PushResult.Refused) pushed).messageKey();
            session.setAttribute(STATE, state);
            model.addAttribute("error", reason);
            return Optional.of(reason);
        }
        Channel channel = state.mode() == Mode.VOICE ? Channel.VOICE : Channel.SMS;
        SendResult sent = challenges.send(user, method.detail().orElseThrow(), channel, "signin", locale, client);
        if (sent instanceof SendResult.Sent ok) {
            session.setAttribute(STATE, state.withSent(ok.challengeId()));
            return Optional.empty();
        }
        session.setAttribute(STATE, state);
        ChallengeService.Refusal refusal = sent.refusal().orElseThrow();
        model.addAttribute("error", refusal.messageKey());
        model.addAttribute("errorArgument", refusal.argument());
        return Optional.of(refusal.messageKey());
    }

    private void waitOrExplain(boolean pending, String errorKey, Model model) {
        if (model.containsAttribute("error")) {
            return;
        }
        if (pending) {
            waiting.showWaiting(model);
        } else {
            model.addAttribute("error", errorKey);
        }
    }

    private String page(User user, AuthMethod method, SecondFactorState state, List<AuthMethod> usable, Model model) {
        int rememberDays = tenants.policy(user.tenantId()).rememberMfaDays();
        model.addAttribute("tenantName", tenantName(user));
        model.addAttribute("rememberDays", rememberDays);
        model.addAttribute("hasOtherWays", options(usable).size() > 1);
        method.detail().filter(d -> method.kind() == MethodKind.MOBILE_PHONE).ifPresent(d -> model.addAttribute("masked", phones.masked(d)));
        return switch (state.mode()) {
            case VOICE -> "signin/verify-call";
            case PUSH -> "signin/verify-push";
            default -> {
                model.addAttribute("viaText", state.mode() == Mode.SMS);
                model.addAttribute("sent", state.sentId().isPresent());
                yield "signin/verify-code";
            }
        };
    }

    private String complete(User user, String factor, boolean remember, HttpSession session, HttpServletRequest request,
            HttpServletResponse response) {
        if (lockout.lockedFor(user.id()).isPresent()) {
            // Approved in the app or by a call while a lockout began: not a way around it.
            return "redirect:/signin/verify";
        }
        session.removeAttribute(STATE);
        sessions.addFactor(factor, request, response);
        int days = tenants.policy(user.tenantId()).rememberMfaDays();
        if (remember && days > 0) {
            remembered.remember(user.id(), days, request, response);
        }
        record(user, AuditResult.SUCCESS, factor, request);
        SavedRequest saved = requestCache.getRequest(request, response);
        requestCache.removeRequest(request, response);
        Object target = session.getAttribute(SignInSessions.AFTER_SECOND_FACTOR);
        session.removeAttribute(SignInSessions.AFTER_SECOND_FACTOR);
        String next = saved != null ? saved.getRedirectUrl() : target instanceof String t ? t : "/account";
        return "redirect:" + interrupts.next(Stage.AFTER_SIGN_IN, user, next, request.getSession());
    }

    /** The page for a person whose second factor can't be used now, with the reason and its argument. */
    private String blocked(User user, String reasonKey, long argument, Model model) {
        model.addAttribute("tenantName", tenantName(user));
        model.addAttribute("titleKey", reasonKey.equals("mfa.locked.text") ? "mfa.locked.title" : "mfa.blocked.title");
        model.addAttribute("reason", reasonKey);
        model.addAttribute("reasonArgument", argument);
        return "signin/verify-blocked";
    }

    private String lockedPage(User user, Duration remaining, Model model) {
        return blocked(user, "mfa.locked.text", Math.max(1, (remaining.toSeconds() + 59) / 60), model);
    }

    private String tooMany(User user, HttpSession session, HttpServletRequest request) {
        audit.record(AuditEvent.of(AuditEventType.THROTTLED, AuditResult.FAILURE, user.email(), ClientInfo.from(request))
                .forUser(user.tenantId(), user.id()).because("too_many_wrong_codes"));
        session.invalidate();
        return "redirect:/signin?toomany";
    }

    private static SecondFactorState start(AuthMethod method) {
        Mode mode = switch (method.kind()) {
            case AUTHENTICATOR -> Mode.PUSH;
            case MOBILE_PHONE -> "voice".equals(method.channel().orElse("sms")) ? Mode.VOICE : Mode.SMS;
            default -> Mode.CODE;
        };
        return new SecondFactorState(method.id(), mode, Optional.empty(), 0);
    }

    private List<Option> options(List<AuthMethod> usable) {
        List<Option> options = new ArrayList<>();
        for (AuthMethod method : usable) {
            switch (method.kind()) {
                case AUTHENTICATOR -> {
                    options.add(new Option(method.id() + ":push", method.id(), Mode.PUSH, "mfa.option.push", ""));
                    options.add(new Option(method.id() + ":code", method.id(), Mode.CODE, "mfa.option.code", ""));
                }
                case TOTP -> options.add(new Option(method.id() + ":code", method.id(), Mode.CODE, "mfa.option.code", ""));
                default -> {
                    String masked = method.detail().map(phones::masked).orElse("");
                    options.add(new Option(method.id() + ":sms", method.id(), Mode.SMS, "mfa.option.sms", masked));
                    options.add(new Option(method.id() + ":voice", method.id(), Mode.VOICE, "mfa.option.voice", masked));
                }
            }
        }
        return options;
    }

    private void record(User user, AuditResult result, String reason, HttpServletRequest request) {
        audit.record(AuditEvent.of(AuditEventType.MFA_VERIFICATION, result, user.email(), ClientInfo.from(request))
                .forUser(user.tenantId(), user.id()).because(reason));
    }

    private static Optional<AuthMethod> find(List<AuthMethod> usable, UUID methodId) {
        return usable.stream().filter(m -> m.id().equals(methodId)).findFirst();
    }

    private static Optional<SecondFactorState> state(HttpSession session) {
        return Optional.ofNullable((SecondFactorState) session.getAttribute(STATE));
    }

    private String tenantName(User user) {
        return tenants.findById(user.tenantId()).orElseThrow().name();
    }

    private User user(SignedInUser signedIn) {
        return users.findById(signedIn.userId()).orElseThrow();
    }

    /** One way to prove the second factor, as "Sign in another way" lists it. */
    record Option(String value, UUID methodId, Mode mode, String labelKey, String detail) {
    }
}
