package io.verrou.method.totp;

import java.util.List;
import java.util.Optional;

import io.verrou.method.AuthMethod;
import io.verrou.method.AuthMethodKind;
import io.verrou.method.MethodKind;
import io.verrou.method.ResetWay;
import io.verrou.method.SignInWay;
import io.verrou.tenant.MethodPolicy;

import org.springframework.stereotype.Component;

/**
 * Any standard authenticator app that shows codes (SPEC S4.2). It meets the policy's "authenticator app"; its setup
 * screens hang off the app step ("I want to use a different authenticator app").
 */
@Component
class TotpAppKind implements AuthMethodKind {

    static final MethodKind KIND = MethodKind.of("totp");

    private final AppCodeProof code;

    TotpAppKind(AppCodeProof code) {
        this.code = code;
    }

    @Override
    public MethodKind kind() {
        return KIND;
    }

    @Override
    public int strength() {
        return 30;
    }

    @Override
    public MethodPolicy defaultPolicy() {
        return new MethodPolicy(KIND.id(), true, true, true);
    }

    @Override
    public boolean servesSignIn() {
        return true;
    }

    @Override
    public boolean servesReset() {
        return true;
    }

    @Override
    public Optional<String> requirement() {
        return Optional.of("authenticator");
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

    @Override
    public String apiType() {
        return "softwareOathAuthenticationMethod";
    }
}
