package io.verrou.method.recovery;

import java.util.List;
import java.util.Optional;

import io.verrou.method.AuthMethod;
import io.verrou.method.AuthMethodKind;
import io.verrou.method.MethodKind;
import io.verrou.method.Proof;
import io.verrou.method.SetupStep;
import io.verrou.method.SignInWay;

import org.springframework.stereotype.Component;

/**
 * Recovery codes (SPEC S4.8): ten single-use codes printed or saved for the day every other method is out of reach.
 * A second factor, offered last; never a reset method; "Change" on Security info makes a new set.
 */
@Component
class RecoveryCodesKind implements AuthMethodKind {

    static final MethodKind KIND = MethodKind.of("recovery_codes");
    static final SetupStep STEP = new SetupStep("RECOVERY", "recovery_codes", RecoveryCodesSetupController.PATH, 1);
    private static final Definition DEFINITION = Definition.of(KIND, 95, "recoveryCodesAuthenticationMethod")
            .servingSignIn().setUpBy(STEP).changeableInPlace();

    private final RecoveryCodeProof proof;

    RecoveryCodesKind(RecoveryCodeProof proof) {
        this.proof = proof;
    }

    @Override
    public Definition definition() {
        return DEFINITION;
    }

    @Override
    public List<Proof> proofs() {
        return List.of(proof);
    }

    /** How many of the set are left, e.g. {@code 9/10}. */
    @Override
    public String shownDetail(AuthMethod method) {
        return method.detail().orElse("") + "/" + RecoveryCodes.COUNT;
    }

    @Override
    public List<SignInWay> signInWays(AuthMethod method) {
        // Not one to start a sign-in with: only under "Sign in another way".
        return List.of(new SignInWay(method, "recovery", "mfa.option.recovery", "", Optional.empty(), Optional.empty(), proof));
    }
}
