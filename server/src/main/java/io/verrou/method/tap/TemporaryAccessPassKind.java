package io.verrou.method.tap;

import io.verrou.method.AuthMethodKind;
import io.verrou.method.MethodKind;

import org.springframework.stereotype.Component;

/**
 * A Temporary Access Pass (SPEC S11): issued by an administrator, used in place of the password and the second
 * factor. Nobody registers one, so it has no wizard step and no sign-in ways of its own; the policy says whether
 * passes may be issued and used.
 */
@Component
class TemporaryAccessPassKind implements AuthMethodKind {

    static final MethodKind KIND = MethodKind.of("tap");
    private static final Definition DEFINITION = Definition.of(KIND, 90, "temporaryAccessPassAuthenticationMethod")
            .servingSignIn();

    @Override
    public Definition definition() {
        return DEFINITION;
    }
}
