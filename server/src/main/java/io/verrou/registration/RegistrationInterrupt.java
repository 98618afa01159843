package io.verrou.registration;

import java.util.List;

import io.verrou.signin.SignInInterrupt;
import io.verrou.user.User;

import org.springframework.stereotype.Component;

/**
 * Stops a signed-in person who lacks required security info at "More information required" (SPEC S2.3a), right
 * after the password: until they finish (or skip, when allowed), every page but the wizard's leads there.
 */
@Component
public class RegistrationInterrupt extends SignInInterrupt {

    private final RegistrationService registration;

    public RegistrationInterrupt(RegistrationService registration) {
        super("/register", List.of());
        this.registration = registration;
    }

    @Override
    public Stage stage() {
        return Stage.AFTER_PASSWORD;
    }

    @Override
    protected boolean due(User user) {
        return registration.mustRegister(user);
    }
}
