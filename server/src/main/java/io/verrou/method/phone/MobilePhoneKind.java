package io.verrou.method.phone;

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
import io.verrou.method.Proof;
import io.verrou.method.ResetWay;
import io.verrou.method.SentCodeProof;
import io.verrou.method.SetupStep;
import io.verrou.method.SignInWay;

import org.springframework.stereotype.Component;

/**
 * A mobile phone (SPEC S4.3): a code by text, or a call answered with #. Its number can be changed in place, verified
 * again; it keeps which of the two starts a sign-in.
 */
@Component
class MobilePhoneKind implements AuthMethodKind {

    static final MethodKind KIND = MethodKind.of("mobile_phone");
    static final SetupStep STEP = new SetupStep("PHONE", "mobile_phone", "/register/phone", 1);
    /** The factor a sign-in gains by a texted code. */
    static final String TEXT_FACTOR = "FACTOR_SMS";
    private static final Definition DEFINITION = Definition.of(KIND, 40, "phoneAuthenticationMethod")
            .servingSignIn().servingReset().setUpBy(STEP).changeableInPlace();

    private final PhoneNumbers phones;
    private final SentCodeProof text;
    private final CallProof call;

    MobilePhoneKind(PhoneNumbers phones, ChallengeService challenges, CallProof call) {
        this.phones = phones;
        this.call = call;
        this.text = new SentCodeProof(challenges, Channel.SMS, Optional.of(TEXT_FACTOR), List.of("sms"), Map.of(
                Flow.SIGN_IN, new Screen("mfa.title", "mfa.text.sms", "mfa.text.sms.notsent", "register.phone.resend", "",
                        "mfa.otherway", false),
                Flow.RESET, new Screen("", "reset.code.sms", "", "register.phone.resend", "", "", false)));
    }

    @Override
    public Definition definition() {
        return DEFINITION;
    }

    @Override
    public String shownDetail(AuthMethod method) {
        return method.detail().map(phones::masked).orElse("");
    }

    @Override
    public List<Proof> proofs() {
        return List.of(text, call);
    }

    @Override
    public List<SignInWay> signInWays(AuthMethod method) {
        String masked = shownDetail(method);
        return List.of(
                new SignInWay(method, "sms", "mfa.option.sms", masked, Optional.of("sms"),
                        Optional.of("method.default.mobile_phone.sms"), text),
                new SignInWay(method, "voice", "mfa.option.voice", masked, Optional.of("voice"),
                        Optional.of("method.default.mobile_phone.voice"), call));
    }

    @Override
    public List<ResetWay> resetWays() {
        return List.of(new ResetWay("sms", 30, KIND, text, Optional.of(new PhoneRetype(phones, Channel.SMS))),
                new ResetWay("voice", 40, KIND, call, Optional.of(new PhoneRetype(phones, Channel.VOICE))));
    }

    @Override
    public Map<String, Object> apiFields(AuthMethod method) {
        return Map.of("phoneNumber", method.detail().orElse(""), "phoneType", "mobile");
    }
}
