package io.verrou.passwordreset;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.verrou.audit.AuditEvent;
import io.verrou.audit.AuditEventType;
import io.verrou.audit.AuditLog;
import io.verrou.audit.AuditResult;
import io.verrou.audit.ClientInfo;
import io.verrou.challenge.WaitingBrowsers;
import io.verrou.method.MethodKinds;
import io.verrou.method.MethodKinds.ResetOption;
import io.verrou.method.Proof;
import io.verrou.method.Proof.Flow;
import io.verrou.passwordreset.ResetVerification.Outcome;
import io.verrou.signin.TypedSignInNames;
import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.tenant.Tenant;
import io.verrou.throttle.AddressThrottle;
import io.verrou.user.SignInName;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The reset portal's pages (SPEC S9): "Get back into your account" with the user ID and the CAPTCHA, one or two
 * verification steps, then "Choose a new password". The state lives in the session; this class only turns it
 * into pages.
 */
@Controller
class PasswordResetController {

    /** More answers than any policy asks for are not read. */
    private static final int MAX_ANSWERS = 5;

    private final ResetVerification verification;
    private final ResetRules rules;
    private final ResetThrottle throttle;
    private final ResetCompletion completion;
    private final MethodKinds kinds;
    private final ResetCaptcha captcha;
    private final JdbcTenantRepository tenants;
    private final WaitingBrowsers waiting;
    private final AuditLog audit;
    private final TypedSignInNames typedNames;
    private final AddressThrottle addresses;

    PasswordResetController(ResetVerification verification, ResetRules rules, ResetThrottle throttle,
            ResetCompletion completion, MethodKinds kinds, ResetCaptcha captcha, JdbcTenantRepository tenants,
            WaitingBrowsers waiting, AuditLog audit, TypedSignInNames typedNames, AddressThrottle addresses) {
        this.verification = verification;
        this.rules = rules;
        this.throttle = throttle;
        this.completion = completion;
        this.kinds = kinds;
        this.captcha = captcha;
        this.tenants = tenants;
        this.waiting = waiting;
        this.audit = audit;
        this.typedNames = typedNames;
        this.addresses = addresses;
    }

    // ---- Get back into your account ----

    /** Shows the first page without making a session: a page load writes nothing (SPEC S14). */
    @GetMapping("/passwordreset")
    String start(@RequestParam(defaultValue = "false") boolean question, @RequestParam(required = false) String expired,
            HttpServletRequest request, Locale locale, Model model) {
        HttpSession existing = request.getSession(false);
        if (existing != null) {
            CurrentReset.forget(existing);
        }
        if (expired != null) {
            model.addAttribute("notice", "reset.session.ended");
        }
        // From "Forgot my password", the name typed on the sign-in page is already there.
        return startPage(typedNames.read(request).orElse(""), question, locale, model);
    }

    /**
     * Checks the user ID and the CAPTCHA. With {@code puzzle}, only asks for another picture or the question
     * instead, keeping what was typed. The session starts only once both are right.
     */
    @PostMapping("/passwordreset")
    String begin(@RequestParam(defaultValue = "") String userId, @RequestParam(defaultValue = "") String answer,
            @RequestParam(defaultValue = "") String captcha, @RequestParam(defaultValue = "false") boolean question,
            @RequestParam(required = false) String puzzle, HttpServletRequest request, Locale locale, Model model) {
        String typed = userId.length() > SignInName.MAX_LENGTH ? "" : userId.strip();
        if (puzzle != null) {
            return startPage(typed, "question".equals(puzzle), locale, model);
        }
        addresses.count(ClientInfo.from(request).ip(), AddressThrottle.Action.RESET_START);
        boolean solved = this.captcha.check(captcha, answer);
        Optional<String> name = SignInName.parse(userId);
        if (name.isEmpty()) {
            model.addAttribute("userIdError", userId.isBlank() ? "reset.userid.required" : "reset.userid.invalid");
        }
        if (!solved) {
            audit.record(AuditEvent.of(AuditEventType.CAPTCHA_FAILED, AuditResult.FAILURE, name.orElse("unknown"),
                    ClientInfo.from(request)));
            model.addAttribute("answerError", answer.isBlank() ? "reset.captcha.required" : "reset.captcha.wrong");
        }
        if (name.isEmpty() || !solved) {
            return startPage(typed, question, locale, model);
        }
        HttpSession session = request.getSession();
        // A new session id for the reset that starts now, as at sign-in: nobody can have planted this one.
        request.changeSessionId();
        CurrentReset.store(session, verification.start(name.get(), ClientInfo.from(request)));
        return "redirect:/passwordreset/verify";
    }

    private String startPage(String userId, boolean question, Locale locale, Model model) {
        model.addAttribute("userId", userId);
        model.addAttribute("captchaOn", captcha.enabled());
        model.addAttribute("question", question);
        if (captcha.enabled()) {
            ResetCaptcha.Puzzle puzzle = captcha.issue(question, locale);
            model.addAttribute("captchaToken", puzzle.token());
            puzzle.imageDataUri().ifPresent(uri -> model.addAttribute("captchaImage", uri));
            puzzle.question().ifPresent(q -> model.addAttribute("captchaQuestion", q));
        }
        return "passwordreset/start";
    }

    // ---- Verification steps ----

    @GetMapping("/passwordreset/verify")
    String verifyPage(ResetSession reset, HttpServletRequest request, HttpSession session, Locale locale, Model model) {
        Outcome polled = verification.poll(reset, ClientInfo.from(request));
        polled.error().ifPresent(error -> {
            model.addAttribute("error", error.key());
            model.addAttribute("errorArgument", error.argument());
        });
        return page(polled.session(), session, locale, Map.of(), model);
    }

    @PostMapping("/passwordreset/verify/choose")
    String choose(ResetSession reset, @RequestParam(defaultValue = "") String option, HttpServletRequest request,
            HttpSession session, Locale locale, Model model) {
        if (kinds.resetOption(option).isEmpty()) {
            model.addAttribute("error", "reset.option.required");
            return page(reset.cleared(), session, locale, Map.of(), model);
        }
        return show(verification.choose(reset, option, locale, ClientInfo.from(request)), session, locale, Map.of(), model);
    }

    /**
     * What is retyped before anything is sent: the phone number, the alternate email address. Nothing goes to a
     * stranger's guess.
     */
    @PostMapping({"/passwordreset/verify/phone", "/passwordreset/verify/email"})
    String contact(ResetSession reset, @RequestParam Map<String, String> form, HttpServletRequest request,
            HttpSession session, Locale locale, Model model) {
        if (verification.option(reset).flatMap(o -> o.retype()).isEmpty()) {
            return page(reset, session, locale, Map.of(), model);
        }
        return show(verification.confirmContact(reset, form, locale, ClientInfo.from(request)), session, locale, form, model);
    }

    @PostMapping("/passwordreset/verify/code")
    String code(ResetSession reset, @RequestParam(defaultValue = "") String code, HttpServletRequest request,
            HttpSession session, Locale locale, Model model) {
        if (reset.option().isEmpty()) {
            return page(reset, session, locale, Map.of(), model);
        }
        return show(verification.checkCode(reset, code, ClientInfo.from(request)), session, locale, Map.of(), model);
    }

    @PostMapping("/passwordreset/verify/questions")
    String questions(ResetSession reset, @RequestParam Map<String, String> form, HttpServletRequest request,
            HttpSession session, Locale locale, Model model) {
        if (reset.option().isEmpty()) {
            return page(reset, session, locale, Map.of(), model);
        }
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < Math.min(reset.questionIds().size(), MAX_ANSWERS); i++) {
            answers.add(form.getOrDefault("answer" + i, ""));
        }
        return show(verification.checkAnswers(reset, answers, ClientInfo.from(request)), session, locale, Map.of(), model);
    }

    @PostMapping("/passwordreset/verify/resend")
    String resend(ResetSession reset, HttpServletRequest request, HttpSession session, Locale locale, Model model) {
        return show(verification.resend(reset, locale, ClientInfo.from(request)), session, locale, Map.of(), model);
    }

    /** "Choose another method": back to the list of this step. */
    @PostMapping("/passwordreset/verify/other")
    String other(ResetSession reset, HttpSession session) {
        CurrentReset.store(session, reset.cleared());
        return "redirect:/passwordreset/verify";
    }

    /** Where a call or a notification stands, for the script that waits on it. */
    @GetMapping("/passwordreset/verify/status")
    @ResponseBody
    DeferredResult<Map<String, String>> status(Optional<ResetSession> reset, @RequestParam(defaultValue = "0") int wait) {
        Optional<ResetSession> awaiting = reset.filter(r -> !"NONE".equals(verification.state(r)));
        return waiting.status(awaiting.flatMap(ResetSession::sentId), wait, () -> verification.state(awaiting.get()));
    }

    // ---- Choose a new password ----

    @GetMapping("/passwordreset/password")
    String passwordPage(ResetSession reset, Model model) {
        if (!completion.ready(reset)) {
            return "redirect:/passwordreset/verify";
        }
        model.addAttribute("tenantName", tenantName(reset));
        return "passwordreset/password";
    }

    @PostMapping("/passwordreset/password")
    String finish(ResetSession reset, @RequestParam(defaultValue = "") String password,
            @RequestParam(defaultValue = "") String confirmation, HttpServletRequest request, HttpSession session,
            Locale locale, Model model, RedirectAttributes redirect) {
        Optional<String> refused = completion.finish(reset, password, confirmation, locale, ClientInfo.from(request));
        if (refused.isPresent()) {
            if (!rules.verified(reset)) {
                return "redirect:/passwordreset/verify";
            }
            model.addAttribute("tenantName", tenantName(reset));
            model.addAttribute("error", refused.get());
            return "passwordreset/password";
        }
        CurrentReset.forget(session);
        redirect.addFlashAttribute("tenantName", tenantName(reset));
        redirect.addFlashAttribute("done", true);
        return "redirect:/passwordreset/done";
    }

    @GetMapping("/passwordreset/done")
    String done(Model model) {
        if (!model.containsAttribute("done")) {
            return "redirect:/passwordreset";
        }
        return "passwordreset/done";
    }

    /** No reset in progress, or its 15 minutes are over: the portal starts again. */
    @ExceptionHandler(CurrentReset.Ended.class)
    String ended(CurrentReset.Ended ended) {
        return ended.redirect();
    }

    // ---- shared ----

    /** Stores where an action left the reset and shows it: the lockout, the error on the same page, or the next page. */
    private String show(Outcome outcome, HttpSession session, Locale locale, Map<String, String> typed, Model model) {
        CurrentReset.store(session, outcome.session());
        if (outcome.locked()) {
            return page(outcome.session(), session, locale, typed, model);
        }
        if (outcome.error().isEmpty()) {
            return "redirect:/passwordreset/verify";
        }
        model.addAttribute("error", outcome.error().get().key());
        model.addAttribute("errorArgument", outcome.error().get().argument());
        return page(outcome.session(), session, locale, typed, model);
    }

    /** The page for where the reset stands; {@code typed}, what a form sent, to show it again. */
    private String page(ResetSession state, HttpSession session, Locale locale, Map<String, String> typed, Model model) {
        CurrentReset.store(session, state);
        model.addAttribute("tenantName", tenantName(state));
        model.addAttribute("step", state.step());
        model.addAttribute("steps", rules.steps(state));
        if (!rules.enabledForTenant(state)) {
            model.addAttribute("reason", "reset.contact.disabled");
            return "passwordreset/contact";
        }
        if (throttle.lockedUntil(state).isPresent()) {
            return "passwordreset/locked";
        }
        if (rules.verified(state)) {
            if (rules.blocked(state)) {
                model.addAttribute("reason", "reset.contact.blocked");
                return "passwordreset/contact";
            }
            return "redirect:/passwordreset/password";
        }
        List<ResetOption> options = rules.options(state);
        if (options.isEmpty()) {
            model.addAttribute("reason", state.step() > 1 ? "reset.contact.notenough" : "reset.contact.nomethods");
            return "passwordreset/contact";
        }
        Optional<ResetOption> option = verification.option(state);
        if (option.isEmpty()) {
            model.addAttribute("options", options.stream().map(ResetOption::id).toList());
            return "passwordreset/choose";
        }
        model.addAttribute("option", option.get().id());
        model.addAttribute("hasOtherWays", options.size() > 1);
        Proof proof = option.get().proof();
        if (option.get().retype().isPresent() && state.sentId().isEmpty()) {
            option.get().retype().get().prepare(model, locale, typed);
            return option.get().retype().get().view();
        }
        model.addAttribute("screen", proof.screen(Flow.RESET));
        model.addAttribute("masked", verification.masked(state).orElse(""));
        return switch (proof.answer()) {
            case ANSWERS -> {
                model.addAttribute("questions", verification.questionTexts(state, locale));
                yield "passwordreset/questions";
            }
            case APPROVAL -> {
                state.number().ifPresent(number -> model.addAttribute("number", number));
                if (state.sentId().isPresent() && "PENDING".equals(verification.state(state))
                        && !model.containsAttribute("error")) {
                    waiting.showWaiting(model);
                }
                yield "passwordreset/wait";
            }
            case CODE -> "passwordreset/code";
        };
    }

    private String tenantName(ResetSession state) {
        return state.tenantId().flatMap(tenants::findById).map(Tenant::name).orElse(null);
    }
}
