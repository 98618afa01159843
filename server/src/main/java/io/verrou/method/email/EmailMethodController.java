package io.verrou.method.email;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import io.verrou.audit.ClientInfo;
import io.verrou.challenge.ChallengeService;
import io.verrou.challenge.ChallengeService.SendResult;
import io.verrou.challenge.Channel;
import io.verrou.method.AuthMethod;
import io.verrou.method.AuthMethods;
import io.verrou.method.SetupPages;
import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.user.JdbcUserRepository;
import io.verrou.user.SignedInUser;
import io.verrou.user.User;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The email method's setup screens (SPEC S4.4), in the wizard and from Security info: an address outside
 * the organisation, proved by a 6-digit code valid 5 minutes. It serves password reset only.
 */
@Controller
class EmailMethodController {

    private final SetupPages pages;
    private final ChallengeService challenges;
    private final AuthMethods methods;
    private final JdbcUserRepository users;
    private final JdbcTenantRepository tenants;

    EmailMethodController(SetupPages pages, ChallengeService challenges, AuthMethods methods, JdbcUserRepository users,
            JdbcTenantRepository tenants) {
        this.pages = pages;
        this.challenges = challenges;
        this.methods = methods;
        this.users = users;
        this.tenants = tenants;
    }

    @GetMapping("/register/email")
    String form(@AuthenticationPrincipal SignedInUser signedIn, HttpSession session, Model model) {
        User user = user(signedIn);
        model.addAttribute("address", pending(session).map(PendingEmail::address).orElse(""));
        return pages.page(user, AlternateEmailKind.STEP, model, "method/email/setup");
    }

    @PostMapping("/register/email")
    String send(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam(defaultValue = "") String address,
            HttpSession session, HttpServletRequest request, Locale locale, Model model) {
        User user = user(signedIn);
        model.addAttribute("address", address.length() <= 254 ? address.strip() : "");
        if (!pages.offered(user, AlternateEmailKind.STEP)) {
            return "redirect:/register/setup";
        }
        EmailAddresses.Result checked = EmailAddresses.check(address, tenants.domains(user.tenantId()));
        if (checked.address().isEmpty()) {
            model.addAttribute("error", checked.messageKey());
            return pages.page(user, AlternateEmailKind.STEP, model, "method/email/setup");
        }
        SendResult sent = challenges.send(user, checked.address().get(), Channel.EMAIL, "registration", locale,
                ClientInfo.from(request));
        if (sent instanceof SendResult.Sent ok) {
            pages.keep(session, new PendingEmail(ok.challengeId(), checked.address().get()));
            return "redirect:/register/email/verify";
        }
        sent.refusal().ifPresent(refusal -> {
            model.addAttribute("error", refusal.messageKey());
            model.addAttribute("errorArgument", refusal.argument());
        });
        return pages.page(user, AlternateEmailKind.STEP, model, "method/email/setup");
    }

    @GetMapping("/register/email/verify")
    String codePage(@AuthenticationPrincipal SignedInUser signedIn, HttpSession session, Model model) {
        Optional<PendingEmail> pending = pending(session);
        if (pending.isEmpty()) {
            return "redirect:/register/email";
        }
        model.addAttribute("masked", EmailAddresses.masked(pending.get().address()));
        return pages.page(user(signedIn), AlternateEmailKind.STEP, model, "method/email/verify");
    }

    @PostMapping("/register/email/verify")
    String verify(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam(defaultValue = "") String code,
            HttpSession session, HttpServletRequest request, HttpServletResponse response, Model model) {
        User user = user(signedIn);
        Optional<PendingEmail> pending = pending(session);
        if (pending.isEmpty()) {
            return "redirect:/register/email";
        }
        Optional<String> refused = code.isBlank() ? Optional.of("code.required")
                : challenges.verifyCode(pending.get().challengeId(), user.id(), code).refusalKey();
        if (refused.isPresent()) {
            model.addAttribute("error", refused.get());
            return codePage(signedIn, session, model);
        }
        pages.forget(session, PendingEmail.class);
        AuthMethod added = methods.add(user, UUID.randomUUID(), AlternateEmailKind.KIND, "Email",
                Optional.of(pending.get().address()), Optional.empty(), Optional.empty(), OptionalLong.empty(),
                ClientInfo.from(request));
        return pages.completed(added.id(), Optional.empty(), session, request, response);
    }

    private Optional<PendingEmail> pending(HttpSession session) {
        return pages.kept(session, PendingEmail.class);
    }

    private User user(SignedInUser signedIn) {
        return users.findById(signedIn.userId()).orElseThrow();
    }
}
