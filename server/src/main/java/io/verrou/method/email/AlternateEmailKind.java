package io.verrou.method.email;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.verrou.challenge.ChallengeService;
import io.verrou.challenge.Channel;
import io.verrou.method.AuthMethod;
import io.verrou.method.AuthMethodKind;
import io.verrou.method.MethodKind;
import io.verrou.method.Proof.Flow;
import io.verrou.method.Proof.Screen;
import io.verrou.method.ResetWay;
import io.verrou.method.SentCodeProof;
import io.verrou.method.SetupStep;

import org.springframework.stereotype.Component;

/**
 * An email address outside the organisation (SPEC S4.4): it serves password reset only, and it is where the
 * person's security notices go — someone who took over the account can't silence it.
 */
@Component
class AlternateEmailKind implements AuthMethodKind {

    static final MethodKind KIND = MethodKind.of("email");
    static final SetupStep STEP = new SetupStep("EMAIL", "email", "/register/email", 1);
    private static final Definition DEFINITION = Definition.of(KIND, 70, "emailAuthenticationMethod")
            .servingReset().setUpBy(STEP);

    private final SentCodeProof code;

    AlternateEmailKind(ChallengeService challenges) {
        this.code = new SentCodeProof(challenges, Channel.EMAIL, Optional.empty(), List.of(), Map.of(
                Flow.RESET, new Screen("", "reset.code.email", "", "register.phone.resend", "", "", false)));
    }

    @Override
    public Definition definition() {
        return DEFINITION;
    }

    @Override
    public String shownDetail(AuthMethod method) {
        return method.detail().map(EmailAddresses::masked).orElse("");
    }

    @Override
    public Optional<String> noticeAddress(AuthMethod method) {
        return method.detail();
    }

    @Override
    public List<ResetWay> resetWays() {
        return List.of(new ResetWay("email", 50, KIND, code, Optional.of(new EmailRetype())));
    }

    @Override
    public Map<String, Object> apiFields(AuthMethod method) {
        return Map.of("emailAddress", method.detail().orElse(""));
    }
}
