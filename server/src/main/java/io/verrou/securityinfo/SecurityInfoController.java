package io.verrou.securityinfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.verrou.audit.ClientInfo;
import io.verrou.method.AuthMethod;
import io.verrou.method.AuthMethods;
import io.verrou.method.MethodKinds;
import io.verrou.method.MethodView;
import io.verrou.method.MethodViews;
import io.verrou.method.SetupStep;
import io.verrou.method.SignInWay;
import io.verrou.registration.WizardPages;
import io.verrou.user.JdbcUserRepository;
import io.verrou.user.SignedInUser;
import io.verrou.user.User;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Security info (SPEC S6): the default sign-in method and how to change it, each method with Change and
 * Delete, "+ Add sign-in method" through the wizard's own screens, and "Lost device? Sign out everywhere".
 * The security filter chain asks for a second factor proved within 10 minutes first.
 */
@Controller
class SecurityInfoController {

    static final String PATH = "/account/security-info";

    private final JdbcUserRepository users;
    private final AuthMethods methods;
    private final MethodKinds kinds;
    private final MethodViews views;
    private final WizardPages wizard;
    private final SignOutEverywhere signOutEverywhere;

    SecurityInfoController(JdbcUserRepository users, AuthMethods methods, MethodKinds kinds, MethodViews views,
            WizardPages wizard, SignOutEverywhere signOutEverywhere) {
        this.users = users;
        this.methods = methods;
        this.kinds = kinds;
        this.views = views;
        this.wizard = wizard;
        this.signOutEverywhere = signOutEverywhere;
    }

    @GetMapping(PATH)
    String page(@AuthenticationPrincipal SignedInUser signedIn, Model model) {
        User user = user(signedIn);
        List<MethodView> registered = views.of(methods.of(user.id()));
        model.addAttribute("user", user);
        model.addAttribute("methods", registered);
        model.addAttribute("defaultMethod", registered.stream().filter(MethodView::isDefault).findFirst().orElse(null));
        model.addAttribute("canAdd", !wizard.choices(user).isEmpty());
        return "securityinfo/index";
    }

    // ---- Default sign-in method ----------------------------------------------------------------------------

    @GetMapping(PATH + "/default")
    String defaultPage(@AuthenticationPrincipal SignedInUser signedIn, Model model) {
        User user = user(signedIn);
        model.addAttribute("user", user);
        model.addAttribute("options", defaultOptions(user));
        return "securityinfo/default";
    }

    @PostMapping(PATH + "/default")
    String changeDefault(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam(defaultValue = "") String option,
            HttpServletRequest request) {
        User user = user(signedIn);
        Optional<DefaultOption> chosen = defaultOptions(user).stream().filter(o -> o.value().equals(option)).findFirst();
        if (chosen.isEmpty()) {
            return "redirect:" + PATH + "/default";
        }
        methods.changeDefault(user, chosen.get().methodId(), chosen.get().channel(), ClientInfo.from(request));
        return "redirect:" + PATH + "?changed";
    }

    // ---- Delete --------------------------------------------------------------------------------------------

    @GetMapping(PATH + "/methods/{id}/delete")
    String confirmDelete(@AuthenticationPrincipal SignedInUser signedIn, @PathVariable UUID id, Model model) {
        User user = user(signedIn);
        Optional<AuthMethod> method = owned(user, id);
        if (method.isEmpty()) {
            return "redirect:" + PATH;
        }
        model.addAttribute("user", user);
        model.addAttribute("method", views.of(method.get()));
        return "securityinfo/delete";
    }

    @PostMapping(PATH + "/methods/{id}/delete")
    String delete(@AuthenticationPrincipal SignedInUser signedIn, @PathVariable UUID id, HttpServletRequest request) {
        User user = user(signedIn);
        methods.delete(user, id, ClientInfo.from(request));
        return "redirect:" + PATH + "?deleted";
    }

    // ---- Add and change, through the wizard's screens ------------------------------------------------------

    @GetMapping(PATH + "/add")
    String addPage(@AuthenticationPrincipal SignedInUser signedIn, Model model) {
        User user = user(signedIn);
        model.addAttribute("user", user);
        model.addAttribute("choices", wizard.choices(user));
        return "securityinfo/add";
    }

    @PostMapping(PATH + "/add")
    String add(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam(defaultValue = "") String step,
            HttpSession session) {
        User user = user(signedIn);
        Optional<SetupStep> choice = wizard.choices(user).stream().filter(s -> s.name().equals(step)).findFirst();
        return choice.map(s -> wizard.openFrom(PATH, s, Optional.empty(), session)).orElse("redirect:" + PATH + "/add");
    }

    @PostMapping(PATH + "/methods/{id}/change")
    String change(@AuthenticationPrincipal SignedInUser signedIn, @PathVariable UUID id, HttpSession session) {
        User user = user(signedIn);
        Optional<AuthMethod> method = owned(user, id).filter(m -> kinds.of(m).changeable());
        return method.flatMap(m -> kinds.stepFor(m.kind()))
                .map(step -> wizard.openFrom(PATH, step, method.map(AuthMethod::id), session))
                .orElse("redirect:" + PATH);
    }

    // ---- Lost device ---------------------------------------------------------------------------------------

    @PostMapping(PATH + "/signout-everywhere")
    String signOutEverywhere(@AuthenticationPrincipal SignedInUser signedIn, HttpServletRequest request, HttpSession session) {
        User user = user(signedIn);
        signOutEverywhere.signOut(user, ClientInfo.from(request));
        session.invalidate();
        return "redirect:/signin?everywhere";
    }

    // ---- shared --------------------------------------------------------------------------------------------

    /** Every way a method can start a sign-in: the app's notification, a text or a call to the phone… */
    private List<DefaultOption> defaultOptions(User user) {
        List<DefaultOption> options = new ArrayList<>();
        for (AuthMethod method : methods.of(user.id())) {
            Optional<String> starting = kinds.startingWay(method).map(SignInWay::id);
            for (SignInWay way : kinds.defaultChoices(method)) {
                options.add(new DefaultOption(way.value(), method.id(), way.channel(), way.defaultLabelKey().orElseThrow(),
                        way.detail(), method.isDefault() && starting.filter(way.id()::equals).isPresent()));
            }
        }
        return options;
    }

    private Optional<AuthMethod> owned(User user, UUID id) {
        return methods.of(user.id()).stream().filter(m -> m.id().equals(id)).findFirst();
    }

    private User user(SignedInUser signedIn) {
        return users.findById(signedIn.userId()).orElseThrow();
    }

    /** One choice of default sign-in method. */
    record DefaultOption(String value, UUID methodId, Optional<String> channel, String labelKey, String detail,
            boolean current) {
    }
}
