package io.verrou.registration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.verrou.method.AuthMethod;
import io.verrou.method.AuthMethods;
import io.verrou.signin.SignInSessions;
import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.tenant.MethodPolicy;
import io.verrou.user.Role;
import io.verrou.user.User;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * What every setup screen of the wizard shares, whichever package owns the method: the stepper, the
 * organisation's name, the "set up a different method" picker, and what happens once a method is verified.
 * The same screens serve the registration interrupt and "+ Add sign-in method" on Security info.
 */
@Component
public class WizardPages {

    private final RegistrationService registration;
    private final AuthMethods methods;
    private final JdbcTenantRepository tenants;
    private final SignInSessions sessions;

    public WizardPages(RegistrationService registration, AuthMethods methods, JdbcTenantRepository tenants,
            SignInSessions sessions) {
        this.registration = registration;
        this.methods = methods;
        this.tenants = tenants;
        this.sessions = sessions;
    }

    /**
     * Fills the model of a step page (organisation name, stepper, "Method 1 of 2: App", whether another
     * method can be chosen) and returns {@code view}.
     */
    public String page(User user, RegistrationStep current, Model model, String view) {
        List<RegistrationStep> required = new ArrayList<>(registration.required(user));
        if (!required.contains(current)) {
            required.add(current);
        }
        List<AuthMethod> registered = methods.of(user.id());
        List<StepView> steps = new ArrayList<>();
        for (RegistrationStep step : required) {
            String state = step == current ? "current" : step.isSatisfiedBy(registered) ? "done" : "todo";
            steps.add(new StepView(step.nameKey(), state));
        }
        model.addAttribute("tenantName", tenants.findById(user.tenantId()).orElseThrow().name());
        model.addAttribute("steps", steps);
        model.addAttribute("stepNumber", required.indexOf(current) + 1);
        model.addAttribute("stepCount", required.size());
        model.addAttribute("stepName", current.nameKey());
        model.addAttribute("canChoose", choices(user).size() > 1);
        return view;
    }

    /**
     * A method was verified and registered: it is listed on Success!, the factor it proved (if any) is added
     * to the session, and the wizard goes on to what is next.
     */
    public String completed(UUID methodId, Optional<String> factor, HttpSession session, HttpServletRequest request,
            HttpServletResponse response) {
        WizardSession wizard = new WizardSession(session);
        Optional<String> returnTo = wizard.returnTo();
        wizard.methodAdded(methodId);
        factor.ifPresent(f -> sessions.addFactor(f, request, response));
        if (returnTo.isPresent()) {
            wizard.clear();
            return "redirect:" + returnTo.get() + "?added";
        }
        return "redirect:/register/setup";
    }

    /** At most this many authenticator apps (SPEC S4.1). */
    static final int MAX_APPS = 5;

    /**
     * Opens the wizard on one method from Security info ("+ Add sign-in method", or "Change" when it
     * replaces {@code replaces}); once verified, it goes back there.
     */
    public String openFrom(String returnTo, RegistrationStep step, Optional<UUID> replaces, HttpSession session) {
        new WizardSession(session).openFrom(returnTo, step, replaces);
        return "redirect:" + step.path();
    }

    /**
     * Whether one more method of this step may be added: at most 5 apps, one mobile phone, one email, one
     * set of questions (SPEC S4).
     */
    public boolean underLimit(User user, RegistrationStep step) {
        List<AuthMethod> registered = methods.of(user.id());
        return step == RegistrationStep.APP ? registered.stream().filter(m -> step.isSatisfiedBy(List.of(m))).count() < MAX_APPS
                : !step.isSatisfiedBy(registered);
    }

    /** The methods the wizard can set up for this person that the policy allows; never questions for admins. */
    public List<RegistrationStep> choices(User user) {
        List<String> enabled = tenants.methodPolicies(user.tenantId()).stream()
                .filter(MethodPolicy::enabled)
                .map(MethodPolicy::method)
                .toList();
        return Arrays.stream(RegistrationStep.values())
                .filter(s -> enabled.contains(s.requirement()) || (s == RegistrationStep.APP && enabled.contains("totp")))
                .filter(s -> s != RegistrationStep.QUESTIONS || user.role() != Role.ADMIN)
                .filter(s -> underLimit(user, s))
                .toList();
    }

    /** One method in the stepper: its name and done, current or to do. */
    public record StepView(String nameKey, String state) {
    }
}
