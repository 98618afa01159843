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
import io.verrou.method.phone.PhoneNumbers;
import io.verrou.passwordreset.PasswordResetService.Finish;
import io.verrou.passwordreset.PasswordResetService.Outcome;
import io.verrou.signin.TypedSignInNames;
import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.tenant.Tenant;
import io.verrou.throttle.AddressThrottle;
import io.verrou.user.SignInName;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
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

    static final String STATE = PasswordResetController.class.getName() + ".STATE";
    /** More answers than any policy asks for are not read. */
    private static final int MAX_ANSWERS = 5;

    private final PasswordResetService reset;
    private final ResetCaptcha captcha;
    private final PhoneNumbers phones;
    private final JdbcTenantRepository tenants;
    private final WaitingBrowsers waiting;
    private final AuditLog audit;
    private final TypedSignInNames typedNames;
    private final AddressThrottle addresses;

    PasswordResetController(PasswordResetService reset, ResetCaptcha captcha, PhoneNumbers phones,
            JdbcTenantRepository tenants, WaitingBrowsers waiting, AuditLog audit, TypedSignInNames typedNames,
            AddressThrottle addresses) {
        this.addresses = addresses;
        this.typedNames = typedNames;
        this.reset = reset;
        this.captcha = captcha;
        this.phones = phones;
        this.tenants = tenants;
        this.waiting = waiting;
        this.audit = audit;
    }

    // ---- Get back into your account ----

    /** Shows the first page without making a session: a page load writes nothing (SPEC S14). */
    @GetMapping("/passwordreset")
    String start(@RequestParam(defaultValue = "false") boolean question, @RequestParam(required = false) String expired,
            HttpServletRequest request, Locale locale, Model model) {
        HttpSession existing = request.getSession(false);
        if (existing != null) {
            existing.removeAttribute(STATE);
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
        session.setAttribute(STATE, reset.start(name.get(), ClientInfo.from(request)));
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
    String verifyPage(HttpServletRequest request, HttpSession session, Locale locale, Model model) {
        Optional<ResetSession> current = current(session);
        if (current.isEmpty()) {
            return ended(session);
        }
        Outcome polled = reset.poll(current.get(), ClientInfo.from(request));
        polled.error().ifPresent(error -> {
            model.addAttribute("error", error.key());
            model.addAttribute("errorArgument", error.argument());
        });
        return page(polled.session(), session, locale, model);
    }

    @PostMapping("/passwordreset/verify/choose")
    String choose(@RequestParam(defaultValue = "") String option, HttpServletRequest request, HttpSession session,
            Locale locale, Model model) {
        Optional<ResetSession> current = current(session);
        if (current.isEmpty()) {
            return ended(session);
        }
        Optional<ResetOption> chosen = ResetOption.fromId(option);
        if (chosen.isEmpty()) {
            model.addAttribute("error", "reset.option.required");
            return page(current.get().cleared(), session, locale, model);
        }
        return show(reset.choose(current.get(), chosen.get(), locale, ClientInfo.from(request)), session, locale, model);
    }

    @PostMapping("/passwordreset/verify/phone")
    String phone(@RequestParam(defaultValue = "") String region, @RequestParam(defaultValue = "") String number,
            HttpServletRequest request, HttpSession session, Locale locale, Model model) {
        Optional<ResetSession> current = current(session);
        if (current.isEmpty()) {
            return ended(session);
        }
        if (current.get().option().isEmpty()) {
            return page(current.get(), session, locale, model);
        }
        model.addAttribute("region", region);
        model.addAttribute("number", number.length() > 40 ? "" : number);
        return show(reset.confirmContact(current.get(), region, number, locale, ClientInfo.from(request)), session, locale, model);
    }

    /** The alternate email address, retyped before a code is sent to it: nothing is sent to a stranger's guess. */
    @PostMapping("/passwordreset/verify/email")
    String email(@RequestParam(defaultValue = "") String email, HttpServletRequest request, HttpSession session,
            Locale locale, Model model) {
        Optional<ResetSession> current = current(session);
        if (current.isEmpty()) {
            return ended(session);
        }
        if (current.get().option().filter(o -> o == ResetOption.EMAIL).isEmpty()) {
            return page(current.get(), session, locale, model);
        }
        model.addAttribute("email", email.length() > 254 ? "" : email.strip());
        return show(reset.confirmContact(current.get(), "", email, locale, ClientInfo.from(request)), session, locale, model);
    }

    @PostMapping("/passwordreset/verify/code")
    String code(@RequestParam(defaultValue = "") String code, HttpServletRequest request, HttpSession session,
            Locale locale, Model model) {
        Optional<ResetSession> current = current(session);
        if (current.isEmpty()) {
            return ended(session);
        }
        if (current.get().option().isEmpty()) {
            return page(current.get(), session, locale, model);
        }
        return show(reset.checkCode(current.get(), code, ClientInfo.from(request)), session, locale, model);
    }

    @PostMapping("/passwordreset/verify/questions")
    String questions(@RequestParam Map<String, String> form, HttpServletRequest request, HttpSession session,
            Locale locale, Model model) {
        Optional<ResetSession> current = current(session);
        if (current.isEmpty()) {
            return ended(session);
        }
        if (current.get().option().isEmpty()) {
            return page(current.get(), session, locale, model);
        }
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < Math.min(current.get().questionIds().size(), MAX_ANSWERS); i++) {
            answers.add(form.getOrDefault("answer" + i, ""));
        }
        return show(reset.checkAnswers(current.get(), answers, ClientInfo.from(request)), session, locale, model);
    }

    @PostMapping("/passwordreset/verify/resend")
    String resend(HttpServletRequest request, HttpSession session, Locale locale, Model model) {
        Optional<ResetSession> current = current(session);
        if (current.isEmpty()) {
            return ended(session);
        }
        return show(reset.resend(current.get(), locale, ClientInfo.from(request)), session, locale, model);
    }

    /** "Choose another method": back to the list of this step. */
    @PostMapping("/passwordreset/verify/other")
    String other(HttpSession session) {
        Optional<ResetSession> current = current(session);
        if (current.isEmpty()) {
            return ended(session);
        }
        session.setAttribute(STATE, current.get().cleared());
        return "redirect:/passwordreset/verify";
    }

    /** Where a call or a notification stands, for the script that waits on it; a notification is waited for. */
    @GetMapping("/passwordreset/verify/status")
    @ResponseBody
    DeferredResult<Map<String, String>> status(@RequestParam(defaultValue = "0") int wait, HttpSession session) {
        Optional<ResetSession> current = current(session).filter(s -> !"NONE".equals(reset.state(s)));
        return waiting.status(current.flatMap(ResetSession::sentId), wait, () -> reset.state(current.get()));
    }

    // ---- Choose a new password ----

    @GetMapping("/passwordreset/password")
    String passwordPage(HttpSession session, Locale locale, Model model) {
        Optional<ResetSession> current = current(session);
        if (current.isEmpty()) {
            return ended(session);
        }
        if (!reset.verified(current.get()) || reset.blocked(current.get())) {
            return "redirect:/passwordreset/verify";
        }
        model.addAttribute("tenantName", tenantName(current.get()));
        return "passwordreset/password";
    }

    @PostMapping("/passwordreset/password")
    String finish(@RequestParam(defaultValue = "") String password, @RequestParam(defaultValue = "") String confirmation,
            HttpServletRequest request, HttpSession session, Locale locale, Model model, RedirectAttributes redirect) {
        Optional<ResetSession> current = current(session);
        if (current.isEmpty()) {
            return ended(session);
        }
        Finish finished = reset.finish(current.get(), password, confirmation, locale, ClientInfo.from(request));
        if (finished instanceof Finish.Refused refused) {
            if (!reset.verified(current.get())) {
                return "redirect:/passwordreset/verify";
            }
            model.addAttribute("tenantName", tenantName(current.get()));
            model.addAttribute("error", refused.messageKey());
            return "passwordreset/password";
        }
        session.removeAttribute(STATE);
        redirect.addFlashAttribute("tenantName", tenantName(current.get()));
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

    // ---- shared ----

    /** Stores where an action left the reset and shows it: the lockout, the error on the same page, or the next page. */
    private String show(Outcome outcome, HttpSession session, Locale locale, Model model) {
        session.setAttribute(STATE, outcome.session());
        if (outcome.locked()) {
            return page(outcome.session(), session, locale, model);
        }
        if (outcome.error().isEmpty()) {
            return "redirect:/passwordreset/verify";
        }
        model.addAttribute("error", outcome.error().get().key());
        model.addAttribute("errorArgument", outcome.error().get().argument());
        return page(outcome.session(), session, locale, model);
    }

    /** The page for where the reset stands. */
    private String page(ResetSession state, HttpSession session, Locale locale, Model model) {
        session.setAttribute(STATE, state);
        model.addAttribute("tenantName", tenantName(state));
        model.addAttribute("step", state.step());
        model.addAttribute("steps", reset.steps(state));
        if (!reset.enabledForTenant(state)) {
            model.addAttribute("reason", "reset.contact.disabled");
            return "passwordreset/contact";
        }
        if (reset.lockedUntil(state).isPresent()) {
            return "passwordreset/locked";
        }
        if (reset.verified(state)) {
            if (reset.blocked(state)) {
                model.addAttribute("reason", "reset.contact.blocked");
                return "passwordreset/contact";
            }
            return "redirect:/passwordreset/password";
        }
        List<ResetOption> options = reset.options(state);
        if (options.isEmpty()) {
            model.addAttribute("reason", state.step() > 1 ? "reset.contact.notenough" : "reset.contact.nomethods");
            return "passwordreset/contact";
        }
        Optional<ResetOption> option = state.option();
        if (option.isEmpty()) {
            model.addAttribute("options", options.stream().map(ResetOption::id).toList());
            return "passwordreset/choose";
        }
        model.addAttribute("option", option.get().id());
        model.addAttribute("hasOtherWays", options.size() > 1);
        return switch (option.get()) {
            case SMS, VOICE -> {
                if (state.sentId().isEmpty()) {
                    model.addAttribute("countries", phones.countries(locale));
                    if (!model.containsAttribute("region")) {
                        model.addAttribute("region", phones.defaultRegion(locale));
                    }
                    yield "passwordreset/phone";
                }
                reset.maskedPhone(state).ifPresent(masked -> model.addAttribute("masked", masked));
                if (option.get() == ResetOption.VOICE) {
                    waitIfPending(state, model);
                    yield "passwordreset/call";
                }
                yield "passwordreset/code";
            }
            case APP_NOTIFICATION -> {
                reset.pushNumber(state).ifPresent(number -> model.addAttribute("number", number));
                waitIfPending(state, model);
                yield "passwordreset/push";
            }
            case QUESTIONS -> {
                model.addAttribute("questions", reset.questionTexts(state, locale));
                yield "passwordreset/questions";
            }
            case EMAIL -> state.sentId().isEmpty() ? "passwordreset/email" : "passwordreset/code";
            default -> "passwordreset/code";
        };
    }

    private void waitIfPending(ResetSession state, Model model) {
        if (state.sentId().isPresent() && "PENDING".equals(reset.state(state)) && !model.containsAttribute("error")) {
            waiting.showWaiting(model);
        }
    }

    /** The reset in progress, unless its 15 minutes are over. */
    private Optional<ResetSession> current(HttpSession session) {
        return Optional.ofNullable((ResetSession) session.getAttribute(STATE)).filter(s -> !reset.expired(s));
    }

    private String ended(HttpSession session) {
        boolean hadOne = session.getAttribute(STATE) != null;
        session.removeAttribute(STATE);
        return hadOne ? "redirect:/passwordreset?expired" : "redirect:/passwordreset";
    }

    private String tenantName(ResetSession state) {
        return state.tenantId().flatMap(tenants::findById).map(Tenant::name).orElse(null);
    }
}
