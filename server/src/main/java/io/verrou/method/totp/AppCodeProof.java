package io.verrou.method.totp;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.verrou.method.AuthMethod;
import io.verrou.method.Proof;
import io.verrou.user.User;

import org.springframework.stereotype.Component;

/**
 * The code an authenticator app shows now — any standard app, or the Verrou Authenticator, which shows codes too
 * (SPEC S5). A code is accepted once; nothing is sent.
 */
@Component
public class AppCodeProof implements Proof {

    /** The factor a sign-in gains by an app's code. */
    public static final String FACTOR = "FACTOR_TOTP";

    private static final Screen SIGN_IN = new Screen("mfa.title", "mfa.text.app", "", "", "", "mfa.otherway", false);
    private static final Screen RESET = new Screen("", "reset.code.app", "", "", "", "", false);

    private final TotpMethods totp;

    AppCodeProof(TotpMethods totp) {
        this.totp = totp;
    }

    @Override
    public String name() {
        return "totp";
    }

    @Override
    public Answer answer() {
        return Answer.CODE;
    }

    @Override
    public boolean sends() {
        return false;
    }

    @Override
    public Screen screen(Flow flow) {
        return flow == Flow.SIGN_IN ? SIGN_IN : RESET;
    }

    @Override
    public String factor() {
        return FACTOR;
    }

    @Override
    public List<String> amr() {
        return List.of("otp");
    }

    @Override
    public Check check(User user, AuthMethod method, Optional<UUID> sent, String code) {
        return totp.verify(method, code) ? Check.right() : Check.wrong();
    }
}
