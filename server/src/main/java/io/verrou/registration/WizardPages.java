package io.verrou.registration;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.verrou.method.AuthMethod;
import io.verrou.method.AuthMethods;
import io.verrou.method.MethodKinds;
import io.verrou.method.SetupPages;
import io.verrou.method.SetupStep;
import io.verrou.signin.SignInSessions;
import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.tenant.MethodPolicy;
import io.verrou.user.User;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * What every setup screen of the wizard shares, whichever method kind owns it: the stepper, the organisation's name,
 * the "set up a different method" picker, and what happens once a method is verified. The same screens serve the
 * registration interrupt and "+ Add sign-in method" on Security info.
 */
@Component
public class WizardPages implements SetupPages {

    private final RegistrationService registration;
    private final AuthMethods methods;
    private final MethodKinds kinds;
    private final JdbcTenantRepository tenants;
    private final SignInSessions sessions;

    public WizardPages(RegistrationService registration, AuthMethods methods, MethodKinds kinds,
            JdbcTenantRepository tenants, SignInSessions sessions) {
        this.registration = registration;
        this.methods = methods;
        this.kinds = kinds;
        this.tenants = tenants;
        this.sessions = sessions;
    }

    @Override
    public String page(User user, SetupStep current, Model model, String view) {
        List<SetupStep> required = new ArrayList<>(registration.required(user));
        if (!required.contains(current)) {
            required.add(current);
        }
        List<AuthMethod> registered = methods.of(user.id());
        List<StepView> steps = new ArrayList<>();
        for (SetupStep step : required) {
            String state = step.equals(current) ? "current" : kinds.isSatisfied(step, registered) ? "done" : "todo";
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

    @Override
    public boolean offered(User user, SetupStep step) {
        return choices(user).contains(step);
    }

    @Override
    public Optional<UUID> replacing(HttpSession session) {
        return new WizardSession(session).replaces();
    }

    @Override
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

    @Override
    public void keep(HttpSession session, Serializable value) {
        new WizardSession(session).keep(value);
    }

    @Override
    public <T extends Serializable> Optional<T> kept(HttpSession session, Class<T> type) {
        return new WizardSession(session).kept(type);
    }

    @Override
    public void forget(HttpSession session, Class<? extends Serializable> type) {
        new WizardSession(session).forget(type);
    }

    /**
     * Opens the wizard on one step from Security info ("+ Add sign-in method", or "Change" when it replaces
     * {@code replaces}); once verified, it goes back there.
     */
    public String openFrom(String returnTo, SetupStep step, Optional<UUID> replaces, HttpSession session) {
        new WizardSession(session).openFrom(returnTo, step.name(), replaces);
        return "redirect:" + step.path();
    }

    /**
     * The steps the wizard can set up for this person: the policy allows one of the kinds that meet it, the person
     * may have it (never questions for admins), and they have fewer than its limit (5 apps, 1 phone…).
     */
    public List<SetupStep> choices(User user) {
        List<MethodPolicy> policies = tenants.methodPolicies(user.tenantId());
        List<AuthMethod> registered = methods.of(user.id());
        return kinds.steps().stream()
                .filter(step -> kinds.offers(policies, step, user, false))
                .filter(step -> registered.stream().filter(m -> kinds.meets(step, m)).count() < step.maxMethods())
                .toList();
    }

    /** One method in the stepper: its name and done, current or to do. */
    public record StepView(String nameKey, String state) {
    }
}
