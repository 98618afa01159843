package io.verrou.method.totp;

import java.util.List;
import java.util.Map;
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

    private static final Definition DEFINITION = new Definition("totp", Answer.CODE, false, Optional.of(FACTOR),
            List.of("otp"), Map.of(
                    Flow.SIGN_IN, new Screen("mfa.title", "mfa.text.app", "", "", "", "mfa.otherway", false),
                    Flow.RESET, new Screen("", "reset.code.app", "", "", "", "", false)));

    private final TotpMethods totp;

    AppCodeProof(TotpMethods totp) {
        this.totp = totp;
    }

    @Override
    public Definition definition() {
        return DEFINITION;
    }

    @Override
    public Check check(User user, AuthMethod method, Optional<UUID> sent, String code) {
        return totp.verify(method, code) ? Check.right() : Check.wrong();
    }
}
