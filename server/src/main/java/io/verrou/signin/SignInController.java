package io.verrou.signin;

import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.verrou.audit.ClientInfo;
import io.verrou.capacity.Busy;
import io.verrou.crypto.CapacityExceededException;
import io.verrou.signin.SignInInterrupt.Stage;
import io.verrou.user.SignInName;
import io.verrou.user.User;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Identifier-first sign-in (SPEC S2): the Sign in page asks for the email, the Enter password page for the
 * password. The email travels between the two in a signed cookie ({@link TypedSignInNames}), never in a URL, and
 * no session exists until the password is right: showing these pages, and refusing a password, write nothing.
 */
@Controller
class SignInController {

    static final String UPDATE = SignInController.class.getName() + ".UPDATE";
    /** How long a proved temporary password waits for the new one. */
    static final Duration UPDATE_WITHIN = Duration.ofMinutes(10);
    /** Longer than any valid sign-in name: what people typed is shown back only up to here. */
    private static final int ECHO_LIMIT = SignInName.MAX_LENGTH;

    private final PasswordSignInService passwordSignIn;
    private final SignInSessions sessions;
    private final SignInInterrupts interrupts;
    private final SecondFactorRequirement secondFactor;
    private final RememberedBrowsers remembered;
    private final PasswordUpdates passwordUpdates;
    private final LocaleResolver localeResolver;
    private final TypedSignInNames typedNames;
    private final Busy busy;
    private final Clock clock;

    SignInController(PasswordSignInService passwordSignIn, SignInSessions sessions, SignInInterrupts interrupts,
            SecondFactorRequirement secondFactor, RememberedBrowsers remembered, PasswordUpdates passwordUpdates, LocaleResolver localeResolver, TypedSignInNames typedNames, Busy busy,
            Clock clock) {
        this.typedNames = typedNames;
        this.busy = busy;
        this.passwordUpdates = passwordUpdates;
        this.localeResolver = localeResolver;
        this.clock = clock;
        this.passwordSignIn = passwordSignIn;
        this.sessions = sessions;
        this.interrupts = interrupts;
        this.secondFactor = secondFactor;
        this.remembered = remembered;
    }

    @GetMapping("/signin")
    String signIn(HttpServletRequest request, Model model) {
        model.addAttribute("email", typedNames.read(request).orElse(""));
        return "signin/identifier";
    }

    @PostMapping("/signin")
    String identify(@RequestParam(defaultValue = "") String email, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        Optional<String> name = SignInName.parse(email);
        if (name.isEmpty()) {
            model.addAttribute("email", email.length() <= ECHO_LIMIT ? email.strip() : "");
            model.addAttribute("error", email.isBlank() ? "signin.email.required" : "signin.email.invalid");
            return "signin/identifier";
        }
        typedNames.remember(name.get(), request, response);
        return "redirect:/signin/password";
    }

    @GetMapping("/signin/password")
    String passwordPage(HttpServletRequest request, Model model) {
        Optional<String> email = typedNames.read(request);
        if (email.isEmpty()) {
            return "redirect:/signin";
        }
        model.addAttribute("email", email.get());
        return "signin/password";
    }

    /**
     * "Use a Temporary Access Pass" instead of the password and the second factor (SPEC S11). Offered to every
     * name, so that the page tells nothing of who has a pass or whose organisation allows them.
     */
    @GetMapping("/signin/tap")
    String passPage(HttpServletRequest request, Model model) {
        Optional<String> email = typedNames.read(request);
        if (email.isEmpty()) {
            return "redirect:/signin";
        }
        model.addAttribute("email", email.get());
        return "signin/tap";
    }

    @PostMapping("/signin/tap")
    String pass(@RequestParam(defaultValue = "") String pass, HttpServletRequest request, HttpServletResponse response,
            Model model) {
        Optional<String> typed = typedNames.read(request);
        if (typed.isEmpty()) {
            return "redirect:/signin";
        }
        String email = typed.get();
        model.addAttribute("email", email);
        if (pass.isBlank()) {
            model.addAttribute("error", "signin.tap.required");
            return "signin/tap";
        }
        SignInResult result = passwordSignIn.signInWithPass(email, pass, ClientInfo.from(request));
        if (result instanceof SignInResult.Succeeded succeeded) {
            typedNames.forget(request, response);
            User user = succeeded.user();
            passwordUpdates.rememberLanguage(user, localeResolver.resolveLocale(request));
            String target = sessions.establish(user, List.of(Factors.TAP), request, response);
            String next = interrupts.next(Stage.AFTER_PASSWORD, user, target, request.getSession());
            return "redirect:" + (next.equals(target) ? interrupts.next(Stage.AFTER_SIGN_IN, user, target, request.getSession()) : next);
        }
        if (result instanceof SignInResult.Locked locked) {
            lockedMessage(locked, model);
            return "signin/tap";
        }
        model.addAttribute("error", "signin.tap.incorrect");
        return "signin/tap";
    }

    private static void lockedMessage(SignInResult.Locked locked, Model model) {
        Duration wait = locked.retryAfter();
        long minutes = (wait.toSeconds() + 59) / 60;
        model.addAttribute("error", minutes > 1 ? "signin.locked.minutes" : "signin.locked.seconds");
        model.addAttribute("errorArgument", minutes > 1 ? minutes : Math.max(1, wait.toSeconds()));
    }

    @PostMapping("/signin/password")
    String password(@RequestParam(defaultValue = "") String password, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        Optional<String> typed = typedNames.read(request);
        if (typed.isEmpty()) {
            return "redirect:/signin";
        }
        String email = typed.get();
        model.addAttribute("email", email);
        if (password.isEmpty()) {
            model.addAttribute("error", "signin.password.required");
            return "signin/password";
        }
        SignInResult result = passwordSignIn.signIn(email, password, ClientInfo.from(request));
        if (result instanceof SignInResult.Succeeded succeeded) {
            typedNames.forget(request, response);
            User user = succeeded.user();
            if (succeeded.mustUpdatePassword()) {
                request.getSession().setAttribute(UPDATE, new PendingUpdate(user.id(), clock.instant()));
                return "redirect:/signin/update-password";
            }
            return "redirect:" + continueAfterPassword(user, request, response);
        }
        if (result instanceof SignInResult.TemporaryExpired) {
            model.addAttribute("error", "signin.temporary.expired");
            return "signin/password";
        }
        if (result instanceof SignInResult.Locked locked) {
            lockedMessage(locked, model);
            return "signin/password";
        }
        model.addAttribute("error", "signin.password.incorrect");
        return "signin/password";
    }

    /**
     * "Update your password": after a temporary password from an administrator, the person chooses their own
     * before anything else (SPEC S11).
     */
    @GetMapping("/signin/update-password")
    String updatePage(HttpSession session) {
        return pendingUpdate(session).isPresent() ? "signin/update-password" : "redirect:/signin";
    }

    @PostMapping("/signin/update-password")
    String update(@RequestParam(defaultValue = "") String password, @RequestParam(defaultValue = "") String confirmation,
            HttpServletRequest request, HttpServletResponse response, HttpSession session, Model model) {
        Optional<PendingUpdate> pending = pendingUpdate(session);
        if (pending.isEmpty()) {
            return "redirect:/signin";
        }
        Optional<String> refused = passwordUpdates.update(pending.get().userId(), password, confirmation,
                ClientInfo.from(request));
        if (refused.isPresent()) {
            model.addAttribute("error", refused.get());
            return "signin/update-password";
        }
        session.removeAttribute(UPDATE);
        return "redirect:" + continueAfterPassword(passwordUpdates.user(pending.get().userId()), request, response);
    }

    /** The steps after the password: registration when due, else the second factor when required, else the page. */
    private String continueAfterPassword(User user, HttpServletRequest request, HttpServletResponse response) {
        passwordUpdates.rememberLanguage(user, localeResolver.resolveLocale(request));
        String target = sessions.establish(user, List.of(FactorGrantedAuthority.PASSWORD_AUTHORITY), request, response);
        String next = interrupts.next(Stage.AFTER_PASSWORD, user, target, request.getSession());
        if (!next.equals(target)) {
            return next;
        }
        if (!secondFactor.appliesTo(user.id(), user.tenantId())) {
            return interrupts.next(Stage.AFTER_SIGN_IN, user, target, request.getSession());
        }
        if (remembered.isRemembered(user.id(), request)) {
            sessions.addFactor(Factors.REMEMBERED, request, response);
            return interrupts.next(Stage.AFTER_SIGN_IN, user, target, request.getSession());
        }
        request.getSession().setAttribute(SignInSessions.AFTER_SECOND_FACTOR, target);
        return "/signin/verify";
    }

    private Optional<PendingUpdate> pendingUpdate(HttpSession session) {
        return Optional.ofNullable(session.getAttribute(UPDATE)).map(PendingUpdate.class::cast)
                .filter(p -> clock.instant().isBefore(p.since().plus(UPDATE_WITHIN)));
    }

    /** A password proved, waiting for the person to choose their own; never signed in before that. */
    record PendingUpdate(UUID userId, Instant since) implements Serializable {
    }

    @GetMapping("/signout")
    String signOutPage() {
        return "signin/signout";
    }

    /**
     * No room to hash the password right now (SPEC S14): the same page at once, with the email kept and a
     * request to try again in a few seconds; nothing was counted.
     */
    @ExceptionHandler(CapacityExceededException.class)
    ModelAndView busy(CapacityExceededException busy, HttpServletRequest request, HttpServletResponse response) {
        this.busy.prepare(this.busy.refusal(busy).orElseThrow(), request, response);
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Optional<String> email = typedNames.read(request);
        if (email.isEmpty() || !(path.equals("/signin/password") || path.equals("/signin/tap"))) {
            return Busy.page("/signin");
        }
        ModelAndView page = new ModelAndView(path.substring(1), Map.of("email", email.get(), "error", "error.503.text"));
        page.setStatus(HttpStatus.SERVICE_UNAVAILABLE);
        return page;
    }
}
