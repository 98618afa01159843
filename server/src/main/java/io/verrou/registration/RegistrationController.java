package io.verrou.registration;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.verrou.audit.AuditEvent;
import io.verrou.audit.AuditEventType;
import io.verrou.audit.AuditLog;
import io.verrou.audit.AuditResult;
import io.verrou.audit.ClientInfo;
import io.verrou.method.AuthMethod;
import io.verrou.method.AuthMethods;
import io.verrou.method.MethodKinds;
import io.verrou.method.MethodViews;
import io.verrou.method.SetupStep;
import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.tenant.Tenant;
import io.verrou.user.JdbcUserRepository;
import io.verrou.user.SignedInUser;
import io.verrou.user.User;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "More information required" and the "Keep your account secure" wizard (SPEC S3): only what is missing is asked
 * for, most secure first; what was verified is kept even if the person leaves midway. Each method kind's own screens
 * (in its package) set it up; this leads from one to the next.
 */
@Controller
class RegistrationController {

    private final RegistrationService registration;
    private final AuthMethods methods;
    private final MethodKinds kinds;
    private final MethodViews views;
    private final JdbcUserRepository users;
    private final JdbcTenantRepository tenants;
    private final AuditLog audit;
    private final WizardPages pages;
    private final RegistrationInterrupt interrupt;

    RegistrationController(RegistrationService registration, AuthMethods methods, MethodKinds kinds, MethodViews views,
            JdbcUserRepository users, JdbcTenantRepository tenants, AuditLog audit, WizardPages pages,
            RegistrationInterrupt interrupt) {
        this.registration = registration;
        this.methods = methods;
        this.kinds = kinds;
        this.views = views;
        this.users = users;
        this.tenants = tenants;
        this.audit = audit;
        this.pages = pages;
        this.interrupt = interrupt;
    }

    // ---- The interrupt -------------------------------------------------------------------------------------

    @GetMapping("/register")
    String interrupt(@AuthenticationPrincipal SignedInUser signedIn, Model model) {
        User user = user(signedIn);
        if (registration.missing(user).isEmpty()) {
            return "redirect:/register/success";
        }
        model.addAttribute("snoozeDays", registration.snoozeDaysLeft(user).orElse(0L));
        model.addAttribute("tenantName", tenant(user).name());
        return "registration/interrupt";
    }

    @PostMapping("/register/start")
    String start(@AuthenticationPrincipal SignedInUser signedIn, HttpSession session, HttpServletRequest request) {
        WizardSession wizard = new WizardSession(session);
        if (!wizard.started()) {
            wizard.clear();
            wizard.markStarted();
            User user = user(signedIn);
            audit.record(AuditEvent.of(AuditEventType.REGISTRATION_STARTED, AuditResult.SUCCESS, user.email(),
                    ClientInfo.from(request)).forUser(user.tenantId(), user.id()));
        }
        return "redirect:/register/setup";
    }

    @PostMapping("/register/skip")
    String skip(@AuthenticationPrincipal SignedInUser signedIn, HttpSession session, HttpServletRequest request) {
        if (!registration.skip(user(signedIn), ClientInfo.from(request))) {
            return "redirect:/register";
        }
        new WizardSession(session).clear();
        return "redirect:" + interrupt.finish(session);
    }

    /** Sends the person to the next missing method, or Success!. */
    @GetMapping("/register/setup")
    String setup(@AuthenticationPrincipal SignedInUser signedIn, HttpSession session) {
        User user = user(signedIn);
        // A chosen method no longer offered (policy changed, limit reached) must not bounce back here forever.
        Optional<SetupStep> chosen = new WizardSession(session).chosen().flatMap(kinds::step)
                .filter(step -> pages.offered(user, step));
        if (chosen.isPresent()) {
            return "redirect:" + chosen.get().path();
        }
        List<SetupStep> missing = registration.missing(user);
        return "redirect:" + (missing.isEmpty() ? "/register/success" : missing.get(0).path());
    }

    // ---- Choosing another method ---------------------------------------------------------------------------

    @GetMapping("/register/choose")
    String choose(@AuthenticationPrincipal SignedInUser signedIn, Model model) {
        User user = user(signedIn);
        model.addAttribute("tenantName", tenant(user).name());
        model.addAttribute("choices", pages.choices(user));
        return "registration/choose";
    }

    @PostMapping("/register/choose")
    String chosen(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam(defaultValue = "") String step,
            HttpSession session, Model model) {
        User user = user(signedIn);
        Optional<SetupStep> choice = pages.choices(user).stream().filter(s -> s.name().equals(step)).findFirst();
        if (choice.isEmpty()) {
            model.addAttribute("error", "register.choose.required");
            return choose(signedIn, model);
        }
        new WizardSession(session).choose(choice.get().name());
        return "redirect:" + choice.get().path();
    }

    // ---- Success! ------------------------------------------------------------------------------------------

    @GetMapping("/register/success")
    String success(@AuthenticationPrincipal SignedInUser signedIn, HttpSession session, Model model) {
        User user = user(signedIn);
        List<AuthMethod> all = methods.of(user.id());
        List<UUID> added = new WizardSession(session).added();
        List<AuthMethod> shown = added.isEmpty() ? all : all.stream().filter(m -> added.contains(m.id())).toList();
        model.addAttribute("tenantName", tenant(user).name());
        model.addAttribute("methods", views.of(shown));
        model.addAttribute("defaultMethod", all.stream().filter(AuthMethod::isDefault).findFirst().map(views::of).orElse(null));
        model.addAttribute("missing", !registration.missing(user).isEmpty());
        return "registration/success";
    }

    @PostMapping("/register/done")
    String done(@AuthenticationPrincipal SignedInUser signedIn, HttpSession session, HttpServletRequest request) {
        User user = user(signedIn);
        if (!registration.missing(user).isEmpty()) {
            return "redirect:/register/setup";
        }
        audit.record(AuditEvent.of(AuditEventType.REGISTRATION_COMPLETED, AuditResult.SUCCESS, user.email(),
                ClientInfo.from(request)).forUser(user.tenantId(), user.id()));
        new WizardSession(session).clear();
        return "redirect:" + interrupt.finish(session);
    }

    private User user(SignedInUser signedIn) {
        return users.findById(signedIn.userId()).orElseThrow();
    }

    private Tenant tenant(User user) {
        return tenants.findById(user.tenantId()).orElseThrow();
    }
}
