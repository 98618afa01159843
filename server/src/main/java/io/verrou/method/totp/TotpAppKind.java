package io.verrou.method.totp;

import java.util.List;
import java.util.Optional;

import io.verrou.method.AuthMethod;
import io.verrou.method.AuthMethodKind;
import io.verrou.method.MethodKind;
import io.verrou.method.Proof;
import io.verrou.method.ResetWay;
import io.verrou.method.SignInWay;

import org.springframework.stereotype.Component;

/**
 * Any standard authenticator app that shows codes (SPEC S4.2). It meets the policy's "authenticator app"; its setup
 * screens hang off the app step ("I want to use a different authenticator app").
 */
@Component
class TotpAppKind implements AuthMethodKind {

    static final MethodKind KIND = MethodKind.of("totp");
    private static final Definition DEFINITION = Definition.of(KIND, 30, "softwareOathAuthenticationMethod")
            .servingSignIn().servingReset().meeting("authenticator");

    private final AppCodeProof code;

    TotpAppKind(AppCodeProof code) {
        this.code = code;
    }

    @Override
    public Definition definition() {
        return DEFINITION;
    }

    @Override
    public List<Proof> proofs() {
        return List.of(code);
    }

    @Override
    public List<SignInWay> signInWays(AuthMethod method) {
        return List.of(new SignInWay(method, "code", "mfa.option.code", "", Optional.empty(),
                Optional.of("method.default.totp"), code));
    }

    @Override
    public List<ResetWay> resetWays() {
        return List.of(new ResetWay("app_code", 20, KIND, code, Optional.empty()));
    }
}
