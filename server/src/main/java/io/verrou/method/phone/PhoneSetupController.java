package io.verrou.method.phone;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

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
import io.verrou.method.SetupPages;
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
 * The phone step of the wizard (SPEC S4.3), also "Change" on Security info: the country and the number, a text or a
 * call, then the code typed or the call answered with #. A changed phone keeps its id and its place as default.
 */
@Controller
class PhoneSetupController {

    private final SetupPages pages;
    private final PhoneNumbers phones;
    private final ChallengeService challenges;
    private final AuthMethods methods;
    private final JdbcUserRepository users;
    private final AuditLog audit;

    PhoneSetupController(SetupPages pages, PhoneNumbers phones, ChallengeService challenges, AuthMethods methods,
            JdbcUserRepository users, AuditLog audit) {
        this.pages = pages;
        this.phones = phones;
        this.challenges = challenges;
        this.methods = methods;
        this.users = users;
        this.audit = audit;
    }

    @GetMapping("/register/phone")
    String phone(@AuthenticationPrincipal SignedInUser signedIn, HttpSession session, Locale locale, Model model) {
        Optional<PhoneChallenge> previous = pages.kept(session, PhoneChallenge.class);
        model.addAttribute("region", previous.map(PhoneChallenge::region).orElse(phones.defaultRegion(locale)));
        model.addAttribute("number", previous.map(p -> phones.display(p.e164())).orElse(""));
        model.addAttribute("channel", previous.map(p -> p.channel().id()).orElse("sms"));
        return form(user(signedIn), locale, model);
    }

    @PostMapping("/register/phone")
    String send(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam(defaultValue = "") String region,
            @RequestParam(defaultValue = "") String number, @RequestParam(defaultValue = "sms") String channel,
            HttpSession session, HttpServletRequest request, Locale locale, Model model) {
        User user = user(signedIn);
        Channel how = Channel.fromId(channel);
        String safeRegion = region.length() <= 3 ? region : "";
        model.addAttribute("region", safeRegion);
        model.addAttribute("number", number.length() <= 40 ? number : "");
        model.addAttribute("channel", how.id());
        PhoneNumbers.Check check = phones.check(safeRegion, number, how);
        if (check instanceof PhoneNumbers.Check.Invalid invalid) {
            model.addAttribute("error", invalid.messageKey());
            return form(user, locale, model);
        }
        String e164 = ((PhoneNumbers.Check.Valid) check).e164();
        SendResult sent = challenges.send(user, e164, how, "registration", locale, ClientInfo.from(request));
        if (sent instanceof SendResult.Sent ok) {
            pages.keep(session, new PhoneChallenge(ok.challengeId(), e164, how, safeRegion));
            return "redirect:/register/phone/verify";
        }
        refused(sent, model);
        return form(user, locale, model);
    }

    @GetMapping("/register/phone/verify")
    String verifyPage(@AuthenticationPrincipal SignedInUser signedIn, HttpSession session, Model model) {
        Optional<PhoneChallenge> phone = pages.kept(session, PhoneChallenge.class);
        if (phone.isEmpty()) {
            return "redirect:/register/phone";
        }
        model.addAttribute("masked", phones.masked(phone.get().e164()));
        return pages.page(user(signedIn), MobilePhoneKind.STEP, model,
                phone.get().channel() == Channel.SMS ? "method/phone/setup-code" : "method/phone/setup-call");
    }

    @PostMapping("/register/phone/verify")
    String verify(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam(defaultValue = "") String code,
            HttpSession session, HttpServletRequest request, HttpServletResponse response, Model model) {
        User user = user(signedIn);
        Optional<PhoneChallenge> found = pages.kept(session, PhoneChallenge.class);
        if (found.isEmpty()) {
            return "redirect:/register/phone";
        }
        PhoneChallenge phone = found.get();
        Optional<String> error = phone.channel() == Channel.SMS ? codeError(user, phone, code) : callError(user, phone);
        if (error.isPresent()) {
            audit.record(AuditEvent.of(AuditEventType.MFA_VERIFICATION, AuditResult.FAILURE, user.email(),
                    ClientInfo.from(request)).forUser(user.tenantId(), user.id()).because("registration"));
            model.addAttribute("error", error.get());
            return verifyPage(signedIn, session, model);
        }
        Optional<UUID> replaces = pages.replacing(session);
        if (replaces.isEmpty() && !pages.offered(user, MobilePhoneKind.STEP)) {
            return "redirect:/register/setup";
        }
        pages.forget(session, PhoneChallenge.class);
        // A changed phone keeps its id and its place as default: one "changed" notice, not an addition and a deletion.
        Optional<AuthMethod> changed = replaces.flatMap(id -> methods.change(user, id, phone.e164(),
                Optional.of(phone.channel().id()), ClientInfo.from(request)));
        AuthMethod added = changed.orElseGet(() -> methods.add(user, UUID.randomUUID(), MobilePhoneKind.KIND, "Phone",
                Optional.of(phone.e164()), Optional.empty(), Optional.of(phone.channel().id()), OptionalLong.empty(),
                ClientInfo.from(request)));
        String factor = phone.channel() == Channel.SMS ? MobilePhoneKind.TEXT_FACTOR : CallProof.FACTOR;
        return pages.completed(added.id(), Optional.of(factor), session, request, response);
    }

    @PostMapping("/register/phone/resend")
    String resend(@AuthenticationPrincipal SignedInUser signedIn, HttpSession session, HttpServletRequest request,
            Locale locale, Model model) {
        User user = user(signedIn);
        Optional<PhoneChallenge> phone = pages.kept(session, PhoneChallenge.class);
        if (phone.isEmpty()) {
            return "redirect:/register/phone";
        }
        SendResult sent = challenges.send(user, phone.get().e164(), phone.get().channel(), "registration", locale,
                ClientInfo.from(request));
        if (sent instanceof SendResult.Sent ok) {
            pages.keep(session, new PhoneChallenge(ok.challengeId(), phone.get().e164(), phone.get().channel(),
                    phone.get().region()));
            model.addAttribute("notice", phone.get().channel() == Channel.SMS ? "code.resent" : "call.again");
        } else {
            refused(sent, model);
        }
        return verifyPage(signedIn, session, model);
    }

    private Optional<String> codeError(User user, PhoneChallenge phone, String code) {
        return code.isBlank() ? Optional.of("code.required")
                : challenges.verifyCode(phone.challengeId(), user.id(), code).refusalKey();
    }

    private Optional<String> callError(User user, PhoneChallenge phone) {
        ChallengeState state = challenges.callState(phone.challengeId(), user.id());
        return switch (state) {
            case APPROVED -> Optional.empty();
            case PENDING -> Optional.of("call.pending");
            case REFUSED -> Optional.of("call.refused");
            default -> Optional.of("call.ended");
        };
    }

    private String form(User user, Locale locale, Model model) {
        model.addAttribute("countries", phones.countries(locale));
        return pages.page(user, MobilePhoneKind.STEP, model, "method/phone/setup");
    }

    private static void refused(SendResult sent, Model model) {
        sent.refusal().ifPresent(refusal -> {
            model.addAttribute("error", refusal.messageKey());
            model.addAttribute("errorArgument", refusal.argument());
        });
    }

    private User user(SignedInUser signedIn) {
        return users.findById(signedIn.userId()).orElseThrow();
    }
}
