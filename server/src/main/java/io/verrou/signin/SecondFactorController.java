package io.verrou.signin;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.verrou.audit.AuditEvent;
import io.verrou.audit.AuditEventType;
import io.verrou.audit.AuditLog;
import io.verrou.audit.AuditResult;
import io.verrou.audit.ClientInfo;
import io.verrou.challenge.SecondFactorLockout;
import io.verrou.challenge.SecondFactorLockout.Outcome;
import io.verrou.challenge.WaitingBrowsers;
import io.verrou.method.AuthMethod;
import io.verrou.method.MethodKinds;
import io.verrou.method.Proof;
import io.verrou.method.Proof.Answer;
import io.verrou.method.Proof.Approval;
import io.verrou.method.Proof.Flow;
import io.verrou.method.Proof.Sending;
import io.verrou.method.SignInWay;
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
 * The second-factor step after the password, and the step-up before Security info (SPEC S5): it starts with the
 * default method's way — a push to the Verrou Authenticator with the number to type in it, an app's code, a text or
 * a call — and "Sign in another way" lists every way of every method. Each way's {@link Proof} says how it is
 * proved; this page only drives it. Five wrong codes from an app end the attempt, and every wrong code, number or
 * denial counts toward the person's second-factor lockout, kept in the database ({@link SecondFactorLockout}).
 */
@Controller
class SecondFactorController {

    static final String STATE = SecondFactorController.class.getName() + ".STATE";
    static final int MAX_WRONG_CODES = 5;

    private final SecondFactorRequirement requirement;
    private final MethodKinds kinds;
    private final SignInSessions sessions;
    private final RememberedBrowsers remembered;
    private final RequestCache requestCache;
    private final JdbcUserRepository users;
    private final JdbcTenantRepository tenants;
    private final AuditLog audit;
    private final WaitingBrowsers waiting;
    private final SignInInterrupts interrupts;
    private final SecondFactorLockout lockout;

    SecondFactorController(SecondFactorRequirement requirement, MethodKinds kinds, SignInSessions sessions,
            RememberedBrowsers remembered, RequestCache requestCache, JdbcUserRepository users,
            JdbcTenantRepository tenants, AuditLog audit, WaitingBrowsers waiting, SignInInterrupts interrupts,
            SecondFactorLockout lockout) {
        this.requirement = requirement;
        this.kinds = kinds;
        this.sessions = sessions;
        this.remembered = remembered;
        this.requestCache = requestCache;
        this.users = users;
        this.tenants = tenants;
        this.audit = audit;
        this.waiting = waiting;
        this.interrupts = interrupts;
        this.lockout = lockout;
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
        List<SignInWay> ways = ways(user);
        if (ways.isEmpty()) {
            return "redirect:/account";
        }
        SecondFactorState state = state(session).filter(s -> find(ways, s).isPresent()).orElseGet(() -> start(ways));
        SignInWay way = find(ways, state).orElseThrow();
        session.setAttribute(STATE, state);
        if (state.sentId().isEmpty() && way.proof().sends()
                && send(user, way, state, session, request, locale, model).isEmpty()) {
            return "redirect:/signin/verify";
        }
        SecondFactorState current = state(session).orElseThrow();
        if (way.proof().answer() == Answer.APPROVAL && current.sentId().isPresent()) {
            Approval approval = way.proof().approval(user.id(), current.sentId().get());
            if (approval.approved()) {
                return complete(user, way, remember, session, request, response);
            }
            if (model.containsAttribute("error")) {
                // Nothing new could be sent: the page says why, and waits on nothing.
            } else if (approval.pending()) {
                waiting.showWaiting(model);
            } else {
                model.addAttribute("error", way.proof().endedKey(Flow.SIGN_IN, approval.state()));
            }
        }
        return page(user, way, current, ways, model);
    }

    /**
     * Where a push or a call stands, for the small script that waits on it without reloading the page: answered as
     * soon as the app or the phone answers it (a long poll).
     */
    @GetMapping("/signin/verify/status")
    @ResponseBody
    DeferredResult<Map<String, String>> status(@AuthenticationPrincipal SignedInUser signedIn,
            @RequestParam(defaultValue = "0") int wait, HttpSession session) {
        Optional<SecondFactorState> state = state(session).filter(s -> s.sentId().isPresent());
        Optional<SignInWay> way = state.flatMap(s -> find(ways(user(signedIn)), s))
                .filter(w -> w.proof().answer() == Answer.APPROVAL);
        return waiting.status(way.flatMap(w -> state.get().sentId()), wait,
                () -> way.get().proof().approval(signedIn.userId(), state.get().sentId().get()).state());
    }

    @PostMapping("/signin/verify")
    String verify(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam(defaultValue = "") String code,
            @RequestParam(defaultValue = "false") boolean remember, HttpSession session, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        User user = user(signedIn);
        if (users.mfaBlocked(user.id())) {
            return "redirect:/signin/verify";
        }
        List<SignInWay> ways = ways(user);
        Optional<SecondFactorState> found = state(session).or(() -> ways.isEmpty() ? Optional.empty() : Optional.of(start(ways)));
        Optional<SignInWay> way = found.flatMap(s -> find(ways, s)).filter(w -> w.proof().answer() == Answer.CODE);
        if (way.isEmpty()) {
            return "redirect:/signin/verify";
        }
        SecondFactorState state = found.get();
        Proof proof = way.get().proof();
        if (code.isBlank()) {
            model.addAttribute("error", "code.required");
            return page(user, way.get(), state, ways, model);
        }
        Proof.Check[] checked = {null};
        Outcome outcome = lockout.check(user, proof.name(), ClientInfo.from(request), () -> {
            checked[0] = proof.check(user, way.get().method(), state.sentId(), code);
            return checked[0].verdict();
        });
        if (outcome instanceof Outcome.Accepted) {
            return complete(user, way.get(), remember, session, request, response);
        }
        if (outcome instanceof Outcome.Locked || (outcome instanceof Outcome.Refused refused && refused.lockedNow())) {
            return "redirect:/signin/verify";
        }
        SecondFactorState after = state;
        if (!proof.sends()) {
            // A code sent has its own attempt limit; an app's codes have this one.
            after = state.withWrongCode();
            if (after.wrongCodes() >= MAX_WRONG_CODES) {
                return tooMany(user, session, request);
            }
            session.setAttribute(STATE, after);
        }
        model.addAttribute("error", checked[0].messageKey());
        return page(user, way.get(), after, ways, model);
    }

    /**
     * Sends the text, call or request again now. When nothing new can be sent (the 30 seconds are not over, a
     * limit), the one sent before still counts and the page says why, so that it never claims a code it didn't send.
     */
    @PostMapping("/signin/verify/resend")
    String resend(@AuthenticationPrincipal SignedInUser signedIn, HttpSession session, HttpServletRequest request,
            Locale locale, RedirectAttributes redirect) {
        User user = user(signedIn);
        Optional<SecondFactorState> state = state(session);
        Optional<SignInWay> way = state.flatMap(s -> find(ways(user), s)).filter(w -> w.proof().sends());
        if (way.isEmpty() || users.mfaBlocked(user.id()) || lockout.lockedFor(user.id()).isPresent()) {
            return "redirect:/signin/verify";
        }
        Model flash = new ExtendedModelMap();
        Optional<String> refused = send(user, way.get(), state.get(), session, request, locale, flash);
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
        model.addAttribute("options", ways(user));
        return "signin/verify-other";
    }

    @PostMapping("/signin/verify/other")
    String chooseOther(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam(defaultValue = "") String option,
            HttpSession session) {
        Optional<SignInWay> chosen = ways(user(signedIn)).stream().filter(w -> w.value().equals(option)).findFirst();
        if (chosen.isEmpty()) {
            return "redirect:/signin/verify/other";
        }
        int wrong = state(session).map(SecondFactorState::wrongCodes).orElse(0);
        session.setAttribute(STATE, SecondFactorState.start(chosen.get().method().id(), chosen.get().id(), wrong));
        return "redirect:/signin/verify";
    }

    // ---- shared ----

    /** Every way of every method the person can use now, the default method's first. */
    private List<SignInWay> ways(User user) {
        return requirement.usable(user.id(), user.tenantId()).stream().flatMap(m -> kinds.signInWays(m).stream()).toList();
    }

    /** The way a sign-in starts with: the default method's (or else the strongest's) own. */
    private SecondFactorState start(List<SignInWay> ways) {
        AuthMethod first = ways.get(0).method();
        String way = kinds.startingWay(first).map(SignInWay::id).orElse(ways.get(0).id());
        return SecondFactorState.start(first.id(), way, 0);
    }

    /** Sends the text, places the call or pushes the request; returns the reason when it could not. */
    private Optional<String> send(User user, SignInWay way, SecondFactorState state, HttpSession session,
            HttpServletRequest request, Locale locale, Model model) {
        Sending sending = way.proof().send(user, way.method(), Flow.SIGN_IN, locale, ClientInfo.from(request));
        if (sending instanceof Sending.Sent sent) {
            session.setAttribute(STATE, state.withSent(sent.id(), sent.number()));
            return Optional.empty();
        }
        Sending.Refused refused = (Sending.Refused) sending;
        session.setAttribute(STATE, state);
        model.addAttribute("error", refused.messageKey());
        model.addAttribute("errorArgument", refused.argument());
        return Optional.of(refused.messageKey());
    }

    private String page(User user, SignInWay way, SecondFactorState state, List<SignInWay> ways, Model model) {
        model.addAttribute("tenantName", tenantName(user));
        model.addAttribute("rememberDays", tenants.policy(user.tenantId()).rememberMfaDays());
        model.addAttribute("hasOtherWays", ways.size() > 1);
        model.addAttribute("masked", way.detail());
        model.addAttribute("screen", way.proof().screen(Flow.SIGN_IN));
        model.addAttribute("sent", state.sentId().isPresent());
        state.number().ifPresent(number -> model.addAttribute("number", number));
        return way.proof().answer() == Answer.APPROVAL ? "signin/verify-wait" : "signin/verify-code";
    }

    private String complete(User user, SignInWay way, boolean remember, HttpSession session, HttpServletRequest request,
            HttpServletResponse response) {
        if (lockout.lockedFor(user.id()).isPresent()) {
            // Approved in the app or by a call while a lockout began: not a way around it.
            return "redirect:/signin/verify";
        }
        String factor = way.proof().factor();
        session.removeAttribute(STATE);
        sessions.addFactor(factor, request, response);
        int days = tenants.policy(user.tenantId()).rememberMfaDays();
        if (remember && days > 0) {
            remembered.remember(user.id(), days, request, response);
        }
        audit.record(AuditEvent.of(AuditEventType.MFA_VERIFICATION, AuditResult.SUCCESS, user.email(), ClientInfo.from(request))
                .forUser(user.tenantId(), user.id()).because(factor));
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

    private static Optional<SignInWay> find(List<SignInWay> ways, SecondFactorState state) {
        return ways.stream().filter(w -> w.method().id().equals(state.methodId()) && w.id().equals(state.way())).findFirst();
    }

    private static Optional<SecondFactorState> state(HttpSession session) {
        return Optional.ofNullable(session.getAttribute(STATE)).filter(SecondFactorState.class::isInstance)
                .map(SecondFactorState.class::cast);
    }

    private String tenantName(User user) {
        return tenants.findById(user.tenantId()).orElseThrow().name();
    }

    private User user(SignedInUser signedIn) {
        return users.findById(signedIn.userId()).orElseThrow();
    }
}
