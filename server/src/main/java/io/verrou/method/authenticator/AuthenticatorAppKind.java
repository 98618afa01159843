package io.verrou.method.authenticator;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.verrou.method.AuthMethod;
import io.verrou.method.AuthMethodKind;
import io.verrou.method.MethodKind;
import io.verrou.method.Proof;
import io.verrou.method.ResetWay;
import io.verrou.method.SetupStep;
import io.verrou.method.SignInWay;
import io.verrou.method.totp.AppCodeProof;

import org.springframework.stereotype.Component;

/**
 * The Verrou Authenticator (SPEC S4.1): a request approved in the app with number matching, or the code it shows.
 * It meets the policy's "authenticator app", as any other app does, and its step is the wizard's app step.
 */
@Component
class AuthenticatorAppKind implements AuthMethodKind {

    static final MethodKind KIND = MethodKind.of("authenticator");
    /** At most this many authenticator apps, of any kind (SPEC S4.1). */
    static final int MAX_APPS = 5;
    static final SetupStep STEP = new SetupStep("APP", "authenticator", "/register/authenticator", MAX_APPS);
    private static final Definition DEFINITION = Definition.of(KIND, 20, "verrouAuthenticatorAuthenticationMethod")
            .servingSignIn().servingReset().setUpBy(STEP);

    private final PushProof push;
    private final AppCodeProof code;

    AuthenticatorAppKind(PushProof push, AppCodeProof code) {
        this.push = push;
        this.code = code;
    }

    /** The device's name, as the person gave it. */
    @Override
    public Definition definition() {
        return DEFINITION;
    }

    @Override
    public String shownDetail(AuthMethod method) {
        return method.detail().orElse("");
    }

    @Override
    public List<Proof> proofs() {
        return List.of(push, code);
    }

    @Override
    public List<SignInWay> signInWays(AuthMethod method) {
        return List.of(
                new SignInWay(method, "push", "mfa.option.push", "", Optional.empty(),
                        Optional.of("method.default.authenticator"), push),
                new SignInWay(method, "code", "mfa.option.code", "", Optional.empty(), Optional.empty(), code));
    }

    @Override
    public List<ResetWay> resetWays() {
        return List.of(new ResetWay("app_notification", 10, KIND, push, Optional.empty()),
                new ResetWay("app_code", 20, KIND, code, Optional.empty()));
    }

    @Override
    public Map<String, Object> apiFields(AuthMethod method) {
        return Map.of("displayName", method.detail().orElse(method.label()));
    }
}
