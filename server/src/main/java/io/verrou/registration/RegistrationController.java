package io.verrou.registration;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.verrou.audit.AuditEvent;
import io.verrou.audit.AuditEventType;
import io.verrou.audit.AuditLog;
import io.verrou.audit.AuditResult;
import io.verrou.audit.ClientInfo;
import io.verrou.challenge.ChallengeService;
import io.verrou.challenge.ChallengeService.SendResult;
import io.verrou.challenge.ChallengeState;
import io.verrou.challenge.Channel;
import io.verrou.method.AuthMethod;
import io.verrou.method.AuthMethods;
import io.verrou.method.MethodKind;
import io.verrou.method.MethodViews;
import io.verrou.method.QrCodeImage;
import io.verrou.method.phone.PhoneNumbers;
import io.verrou.method.totp.PendingTotp;
import io.verrou.method.totp.TotpMethods;
import io.verrou.signin.Factors;
import io.verrou.signin.SignInSessions;
import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.tenant.Tenant;
import io.verrou.user.JdbcUserRepository;
import io.verrou.user.SignedInUser;
import io.verrou.user.User;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "More information required" and the "Keep your account secure" wizard (SPEC S3, S4.2, S4.3): only what
 * is missing is asked for, most secure first; what was verified is kept even if the person leaves midway.
 */
@Controller
class RegistrationController {

    private final RegistrationService registration;
    private final AuthMethods methods;
    private final MethodViews views;
    private final TotpMethods totp;
    private final PhoneNumbers phones;
    private final ChallengeService challenges;
    private final SignInSessions sessions;
    private final JdbcUserRepository users;
    private final JdbcTenantRepository tenants;
    private final AuditLog audit;
    private final WizardPages pages;
    private final RegistrationInterrupt interrupt;

    RegistrationController(RegistrationService registration, AuthMethods methods, MethodViews views, TotpMethods totp,
            PhoneNumbers phones, ChallengeService challenges, SignInSessions sessions, JdbcUserRepository users,
            JdbcTenantRepository tenants, AuditLog audit, WizardPages pages, RegistrationInterrupt interrupt) {
        this.registration = registration;
        this.methods = methods;
        this.views = views;
        this.totp = totp;
        this.phones = phones;
        this.challenges = challenges;
        this.sessions = sessions;
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
        WizardSession wizard = new WizardSession(session);
        // A chosen method no longer offered (policy changed, limit reached) must not bounce back here forever.
        Optional<RegistrationStep> chosen = wizard.chosen().filter(step -> pages.choices(user).contains(step));
        if (chosen.isPresent()) {
            return "redirect:" + chosen.get().path();
        }
        List<RegistrationStep> missing = registration.missing(user);
        return "redirect:" + (missing.isEmpty() ? "/register/success" : missing.get(0).path());
    }

    // ---- Authenticator app (codes) -------------------------------------------------------------------------

    @GetMapping({"/register/app", "/register/app/other"})
    String app(@AuthenticationPrincipal SignedInUser signedIn, HttpSession session, Model model) {
        User user = user(signedIn);
        WizardSession wizard = new WizardSession(session);
        PendingTotp pending = wizard.pendingTotp().orElseGet(() -> {
            PendingTotp fresh = totp.begin();
            wizard.pendingTotp(fresh);
            return fresh;
        });
        model.addAttribute("accountName", user.email());
        model.addAttribute("secret", totp.typedSecret(pending));
        return pages.page(user, RegistrationStep.APP, model, "registration/app");
    }

    @GetMapping("/register/app/qr.png")
    ResponseEntity<byte[]> qr(@AuthenticationPrincipal SignedInUser signedIn, HttpSession session) {
        Optional<PendingTotp> pending = new WizardSession(session).pendingTotp();
        if (pending.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        User user = user(signedIn);
        byte[] png = QrCodeImage.png(totp.uri(pending.get(), user, tenant(user)).toUriString());
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).cacheControl(CacheControl.noStore()).body(png);
    }

    @PostMapping("/register/app")
    String appCode(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam(defaultValue = "") String code,
            HttpSession session, HttpServletRequest request, HttpServletResponse response, Model model) {
        User user = user(signedIn);
        WizardSession wizard = new WizardSession(session);
        Optional<PendingTotp> pending = wizard.pendingTotp();
        if (pending.isEmpty()) {
            return "redirect:/register/app";
        }
        if (!pages.underLimit(user, RegistrationStep.APP)) {
            return "redirect:/register/setup";
        }
        Optional<AuthMethod> added = code.isBlank() ? Optional.empty()
                : totp.complete(user, pending.get(), code, ClientInfo.from(request));
        if (added.isEmpty()) {
            model.addAttribute("error", code.isBlank() ? "code.required" : "code.wrong");
            return app(signedIn, session, model);
        }
        return pages.completed(added.get().id(), Optional.of(Factors.TOTP), session, request, response);
    }

    // ---- Phone ---------------------------------------------------------------------------------------------

    @GetMapping("/register/phone")
    String phone(@AuthenticationPrincipal SignedInUser signedIn, HttpSession session, Locale locale, Model model) {
        User user = user(signedIn);
        Optional<PhoneChallenge> previous = new WizardSession(session).phone();
        model.addAttribute("region", previous.map(PhoneChallenge::region).orElse(phones.defaultRegion(locale)));
        model.addAttribute("number", previous.map(p -> phones.display(p.e164())).orElse(""));
        model.addAttribute("channel", previous.map(p -> p.channel().id()).orElse("sms"));
        return phoneForm(user, session, locale, model);
    }

    @PostMapping("/register/phone")
    String sendToPhone(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam(defaultValue = "") String region,
            @RequestParam(defaultValue = "") String number, @RequestParam(defaultValue = "sms") String channel,
            HttpSession session, HttpServletRequest request, Locale locale, Model model) {
        User user = user(signedIn);
        Channel how = Channel.fromId(channel);
        String safeRegion = region.length() <= 3 ? region : "";
        model.addAttribute("region", safeRegion);
        model.addAttribute("number", number.length() <= 40 ? number : "");
        model.addAttribute("channel", how.id());
        if (!(phones.check(safeRegion, number, how) instanceof PhoneNumbers.Check.Valid valid)) {
            model.addAttribute("error", ((PhoneNumbers.Check.Invalid) phones.check(safeRegion, number, how)).messageKey());
            return phoneForm(user, session, locale, model);
        }
        SendResult sent = challenges.send(user, valid.e164(), how, "registration", locale, ClientInfo.from(request));
        if (sent instanceof SendResult.Sent ok) {
            new WizardSession(session).phone(new PhoneChallenge(ok.challengeId(), valid.e164(), how, safeRegion));
            return "redirect:/register/phone/verify";
        }
        sendError(sent, model);
        return phoneForm(user, session, locale, model);
    }

    @GetMapping("/register/phone/verify")
    String phoneVerifyPage(@AuthenticationPrincipal SignedInUser signedIn, HttpSession session, Model model) {
        Optional<PhoneChallenge> phone = new WizardSession(session).phone();
        if (phone.isEmpty()) {
            return "redirect:/register/phone";
        }
        model.addAttribute("masked", phones.masked(phone.get().e164()));
        return pages.page(user(signedIn), RegistrationStep.PHONE, model,
                phone.get().channel() == Channel.SMS ? "registration/phone-code" : "registration/phone-call");
    }

    @PostMapping("/register/phone/verify")
    String phoneVerify(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam(defaultValue = "") String code,
            HttpSession session, HttpServletRequest request, HttpServletResponse response, Model model) {
        User user = user(signedIn);
        WizardSession wizard = new WizardSession(session);
        Optional<PhoneChallenge> found = wizard.phone();
        if (found.isEmpty()) {
            return "redirect:/register/phone";
        }
        PhoneChallenge phone = found.get();
        String error;
        if (phone.channel() == Channel.SMS) {
            error = code.isBlank() ? "code.required"
                    : challenges.verifyCode(phone.challengeId(), user.id(), code).refusalKey().orElse(null);
        } else {
            ChallengeState state = challenges.callState(phone.challengeId(), user.id());
            error = switch (state) {
                case APPROVED -> null;
                case PENDING -> "call.pending";
                case REFUSED -> "call.refused";
                default -> "call.ended";
            };
        }
        if (error != null) {
            recordVerification(user, AuditResult.FAILURE, request);
            model.addAttribute("error", error);
            return phoneVerifyPage(signedIn, session, model);
        }
        Optional<java.util.UUID> replaces = wizard.replaces();
        if (replaces.isEmpty() && !pages.underLimit(user, RegistrationStep.PHONE)) {
            return "redirect:/register/setup";
        }
        // A changed phone keeps its id and its place as default: one "changed" notice, not an addition and a deletion.
        Optional<AuthMethod> changed = replaces.flatMap(id -> methods.change(user, id, phone.e164(),
                Optional.of(phone.channel().id()), ClientInfo.from(request)));
        AuthMethod added = changed.orElseGet(() -> methods.add(user, java.util.UUID.randomUUID(), MethodKind.MOBILE_PHONE,
                "Phone", Optional.of(phone.e164()), Optional.empty(), Optional.of(phone.channel().id()),
                java.util.OptionalLong.empty(), ClientInfo.from(request)));
        return pages.completed(added.id(), Optional.of(phone.channel() == Channel.SMS ? Factors.SMS : Factors.VOICE),
                session, request, response);
    }

    @PostMapping("/register/phone/resend")
    String resend(@AuthenticationPrincipal SignedInUser signedIn, HttpSession session, HttpServletRequest request,
            Locale locale, Model model) {
        User user = user(signedIn);
        WizardSession wizard = new WizardSession(session);
        Optional<PhoneChallenge> phone = wizard.phone();
        if (phone.isEmpty()) {
            return "redirect:/register/phone";
        }
        SendResult sent = challenges.send(user, phone.get().e164(), phone.get().channel(), "registration", locale,
                ClientInfo.from(request));
        if (sent instanceof SendResult.Sent ok) {
            wizard.phone(new PhoneChallenge(ok.challengeId(), phone.get().e164(), phone.get().channel(), phone.get().region()));
            model.addAttribute("notice", phone.get().channel() == Channel.SMS ? "code.resent" : "call.again");
        } else {
            sendError(sent, model);
        }
        return phoneVerifyPage(signedIn, session, model);
    }

    // ---- Choosing another method ---------------------------------------------------------------------------

    @GetMapping("/register/choose")
    String choose(@AuthenticationPrincipal SignedInUser signedIn, HttpSession session, Model model) {
        User user = user(signedIn);
        model.addAttribute("tenantName", tenant(user).name());
        model.addAttribute("choices", pages.choices(user));
        return "registration/choose";
    }

    @PostMapping("/register/choose")
    String chosen(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam(defaultValue = "") String step,
            HttpSession session, Model model) {
        User user = user(signedIn);
        Optional<RegistrationStep> choice = pages.choices(user).stream().filter(s -> s.name().equals(step)).findFirst();
        if (choice.isEmpty()) {
            model.addAttribute("error", "register.choose.required");
            return choose(signedIn, session, model);
        }
        new WizardSession(session).choose(choice.get());
        return "redirect:" + choice.get().path();
    }

    // ---- Success! ------------------------------------------------------------------------------------------

    @GetMapping("/register/success")
    String success(@AuthenticationPrincipal SignedInUser signedIn, HttpSession session, Model model) {
        User user = user(signedIn);
        List<AuthMethod> all = methods.of(user.id());
        List<java.util.UUID> added = new WizardSession(session).added();
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

    // ---- Shared --------------------------------------------------------------------------------------------

    private String phoneForm(User user, HttpSession session, Locale locale, Model model) {
        model.addAttribute("countries", phones.countries(locale));
        return pages.page(user, RegistrationStep.PHONE, model, "registration/phone");
    }

    private void recordVerification(User user, AuditResult result, HttpServletRequest request) {
        audit.record(AuditEvent.of(AuditEventType.MFA_VERIFICATION, result, user.email(), ClientInfo.from(request))
                .forUser(user.tenantId(), user.id()).because("registration"));
    }

    private static void sendError(SendResult sent, Model model) {
        sent.refusal().ifPresent(refusal -> {
            model.addAttribute("error", refusal.messageKey());
            model.addAttribute("errorArgument", refusal.argument());
        });
    }

    private User user(SignedInUser signedIn) {
        return users.findById(signedIn.userId()).orElseThrow();
    }

    private Tenant tenant(User user) {
        return tenants.findById(user.tenantId()).orElseThrow();
    }

}
