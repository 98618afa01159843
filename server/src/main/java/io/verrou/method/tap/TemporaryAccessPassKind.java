package io.verrou.method.tap;

import java.util.Optional;

import io.verrou.method.AuthMethodKind;
import io.verrou.method.MethodKind;
import io.verrou.tenant.MethodPolicy;

import org.springframework.stereotype.Component;

/**
 * A Temporary Access Pass (SPEC S11): issued by an administrator, used in place of the password and the second
 * factor. Nobody registers one, so it has no wizard step and no sign-in ways of its own; the policy says whether
 * passes may be issued and used.
 */
@Component
class TemporaryAccessPassKind implements AuthMethodKind {

    static final MethodKind KIND = MethodKind.of("tap");

    @Override
    public MethodKind kind() {
        return KIND;
    }

    @Override
    public int strength() {
        return 90;
    }

    @Override
    public MethodPolicy defaultPolicy() {
        return new MethodPolicy(KIND.id(), true, true, false);
    }

    @Override
    public boolean servesSignIn() {
        return true;
    }

    @Override
    public boolean servesReset() {
        return false;
    }

    @Override
    public Optional<String> requirement() {
        return Optional.empty();
    }

    @Override
    public String apiType() {
        return "temporaryAccessPassAuthenticationMethod";
    }
}
