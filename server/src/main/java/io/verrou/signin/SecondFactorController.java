package io.verrou.signin;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
import io.verrou.method.AuthMethod;
import io.verrou.method.MethodKind;
import io.verrou.method.phone.PhoneNumbers;
import io.verrou.method.totp.TotpMethods;
import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.user.JdbcUserRepository;
import io.verrou.user.User;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The second-factor step after the password, and the step-up before Security info (SPEC S5): it starts
 * with the default method (asks for the app's code, texts a code, or places a call); "Sign in another way"
 * lists the others. Five wrong codes end the attempt.
 */
@Controller
class SecondFactorController {

    static final String STATE = SecondFactorController.class.getName() + ".STATE";
    static final int MAX_WRONG_CODES = 5;
    /** How often the page waiting on a call looks again, without JavaScript. */
    private static final int CALL_REFRESH_SECONDS = 3;

    private final SecondFactorRequirement requirement;
    private final TotpMethods totp;
    private final ChallengeService challenges;
    private final PhoneNumbers phones;
    private final SignInSessions sessions;
    private final RememberedBrowsers remembered;
    private final RequestCache requestCache;
    private final JdbcUserRepository users;
    private final JdbcTenantRepository tenants;
    private final AuditLog audit;

    SecondFactorController(SecondFactorRequirement requirement, TotpMethods totp, ChallengeService challenges,
            PhoneNumbers phones, SignInSessions sessions, RememberedBrowsers remembered, RequestCache requestCache,
            JdbcUserRepository users, JdbcTenantRepository tenants, AuditLog audit) {
        this.requirement = requirement;
        this.totp = totp;
        this.challenges = challenges;
        this.phones = phones;
        this.sessions = sessions;
        this.remembered = remembered;
        this.requestCache = requestCache;
        this.users = users;
        this.tenants = tenants;
        this.audit = audit;
    }

    @GetMapping({"/signin/verify", "/signin/verify/check"})
    String verifyPage(@AuthenticationPrincipal SignedInUser signedIn, HttpSession session, HttpServletRequest request,
            HttpServletResponse response, Locale locale, Model model) {
        User user = user(signedIn);
        List<AuthMethod> usable = requirement.usable(user.id(), user.tenantId());
        if (usable.isEmpty()) {
            return "redirect:/account";
        }
        SecondFactorState state = state(session).filter(s -> usable.stream().anyMatch(m -> m.id().equals(s.methodId())))
                .orElseGet(() -> start(usable.get(0)));
        AuthMethod method = usable.stream().filter(m -> m.id().equals(state.methodId())).findFirst().orElseThrow();
        if (state.channel().isPresent() && state.challengeId().isEmpty()) {
            SendResult sent = challenges.send(user, method.detail().orElseThrow(), state.channel().get(), "signin",
                    locale, ClientInfo.from(request));
            if (sent instanceof SendResult.Sent ok) {
                session.setAttribute(STATE, state.withChallenge(ok.challengeId()));
                return "redirect:/signin/verify";
            }
            session.setAttribute(STATE, state);
            sendError(sent, model);
        } else {
            session.setAttribute(STATE, state);
        }
        SecondFactorState current = state(session).orElseThrow();
        if (current.channel().filter(c -> c == Channel.VOICE).isPresent() && current.challengeId().isPresent()) {
            ChallengeState call = challenges.callState(current.challengeId().get(), user.id());
            if (call == ChallengeState.APPROVED) {
                return complete(user, Factors.VOICE, false, session, request, response);
            }
            if (call == ChallengeState.PENDING && !model.containsAttribute("error")) {
                model.addAttribute("refreshSeconds", CALL_REFRESH_SECONDS);
            } else if (!model.containsAttribute("error")) {
                model.addAttribute("error", call == ChallengeState.REFUSED ? "mfa.call.refused" : "call.ended");
            }
        }
        return page(user, method, current, usable, model);
    }

    @PostMapping("/signin/verify")
    String verify(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam(defaultValue = "") String code,
            @RequestParam(defaultValue = "false") boolean remember, HttpSession session, HttpServletRequest request,
            HttpServletResponse response, Locale locale, Model model) {
        User user = user(signedIn);
        List<AuthMethod> usable = requirement.usable(user.id(), user.tenantId());
        Optional<SecondFactorState> found = state(session).or(() -> usable.stream().findFirst().map(SecondFactorController::start));
        Optional<AuthMethod> method = found.flatMap(s -> usable.stream().filter(m -> m.id().equals(s.methodId())).findFirst());
        if (found.isEmpty() || method.isEmpty()) {
            return "redirect:/signin/verify";
        }
        SecondFactorState state = found.get();
        if (state.channel().filter(c -> c == Channel.VOICE).isPresent()) {
            return "redirect:/signin/verify";
        }
        if (code.isBlank()) {
            model.addAttribute("error", "code.required");
            return page(user, method.get(), state, usable, model);
        }
        if (method.get().kind() == MethodKind.TOTP) {
            if (totp.verify(method.get(), code)) {
                return complete(user, Factors.TOTP, remember, session, request, response);
            }
            SecondFactorState after = state.withWrongCode();
            record(user, AuditResult.FAILURE, "wrong_code", request);
            if (after.wrongCodes() >= MAX_WRONG_CODES) {
                return tooMany(user, session, request);
            }
            session.setAttribute(STATE, after);
            model.addAttribute("error", "code.wrong");
            return page(user, method.get(), after, usable, model);
        }
        CodeResult result = state.challengeId().map(id -> challenges.verifyCode(id, user.id(), code)).orElse(CodeResult.UNKNOWN);
        if (result == CodeResult.ACCEPTED) {
            return complete(user, Factors.SMS, remember, session, request, response);
        }
        record(user, AuditResult.FAILURE, result.name().toLowerCase(Locale.ROOT), request);
        model.addAttribute("error", switch (result) {
            case WRONG -> "code.wrong";
            case EXPIRED -> "code.expired";
            default -> "code.voided";
        });
        return page(user, method.get(), state, usable, model);
    }

    @PostMapping("/signin/verify/resend")
    String resend(HttpSession session) {
        state(session).ifPresent(s -> session.setAttribute(STATE,
                new SecondFactorState(s.methodId(), s.channel(), Optional.empty(), s.wrongCodes())));
        return "redirect:/signin/verify";
    }

    @GetMapping("/signin/verify/other")
    String otherWays(@AuthenticationPrincipal SignedInUser signedIn, Model model) {
        User user = user(signedIn);
        model.addAttribute("tenantName", tenants.findById(user.tenantId()).orElseThrow().name());
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
        session.setAttribute(STATE, new SecondFactorState(chosen.get().methodId(),
                chosen.get().channel().map(Channel::fromId), Optional.empty(), wrong));
        return "redirect:/signin/verify";
    }

    // ---- shared ----

    private String page(User user, AuthMethod method, SecondFactorState state, List<AuthMethod> usable, Model model) {
        int rememberDays = tenants.policy(user.tenantId()).rememberMfaDays();
        model.addAttribute("tenantName", tenants.findById(user.tenantId()).orElseThrow().name());
        model.addAttribute("rememberDays", rememberDays);
        model.addAttribute("hasOtherWays", options(usable).size() > 1);
        method.detail().ifPresent(d -> model.addAttribute("masked", phones.masked(d)));
        if (state.channel().filter(c -> c == Channel.VOICE).isPresent()) {
            return "signin/verify-call";
        }
        model.addAttribute("viaText", state.channel().isPresent());
        return "signin/verify-code";
    }

    private String complete(User user, String factor, boolean remember, HttpSession session, HttpServletRequest request,
            HttpServletResponse response) {
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
        return "redirect:" + (saved != null ? saved.getRedirectUrl() : target instanceof String t ? t : "/account");
    }

    private String tooMany(User user, HttpSession session, HttpServletRequest request) {
        audit.record(AuditEvent.of(AuditEventType.THROTTLED, AuditResult.FAILURE, user.email(), ClientInfo.from(request))
                .forUser(user.tenantId(), user.id()).because("too_many_wrong_codes"));
        session.invalidate();
        return "redirect:/signin?toomany";
    }

    private static SecondFactorState start(AuthMethod method) {
        Optional<Channel> channel = method.kind() == MethodKind.TOTP ? Optional.empty()
                : Optional.of(Channel.fromId(method.channel().orElse("sms")));
        return new SecondFactorState(method.id(), channel, Optional.empty(), 0);
    }

    private List<Option> options(List<AuthMethod> usable) {
        List<Option> options = new ArrayList<>();
        for (AuthMethod method : usable) {
            if (method.kind() == MethodKind.TOTP) {
                options.add(new Option(method.id() + ":code", method.id(), Optional.empty(), "mfa.option.code", ""));
            } else {
                String masked = method.detail().map(phones::masked).orElse("");
                options.add(new Option(method.id() + ":sms", method.id(), Optional.of("sms"), "mfa.option.sms", masked));
                options.add(new Option(method.id() + ":voice", method.id(), Optional.of("voice"), "mfa.option.voice", masked));
            }
        }
        return options;
    }

    private void record(User user, AuditResult result, String reason, HttpServletRequest request) {
        audit.record(AuditEvent.of(AuditEventType.MFA_VERIFICATION, result, user.email(), ClientInfo.from(request))
                .forUser(user.tenantId(), user.id()).because(reason));
    }

    private static void sendError(SendResult sent, Model model) {
        if (sent instanceof SendResult.Throttled throttled) {
            model.addAttribute("error", throttled.messageKey());
            model.addAttribute("errorArgument", throttled.argument());
        } else {
            model.addAttribute("error", "delivery.failed");
        }
    }

    private static Optional<SecondFactorState> state(HttpSession session) {
        return Optional.ofNullable((SecondFactorState) session.getAttribute(STATE));
    }

    private User user(SignedInUser signedIn) {
        return users.findById(signedIn.userId()).orElseThrow();
    }

    /** One way to prove the second factor, as "Sign in another way" lists it. */
    record Option(String value, UUID methodId, Optional<String> channel, String labelKey, String detail) {
    }
}
