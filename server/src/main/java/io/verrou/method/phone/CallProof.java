package io.verrou.method.phone;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import io.verrou.audit.ClientInfo;
import io.verrou.challenge.ChallengeService;
import io.verrou.challenge.ChallengeService.SendResult;
import io.verrou.challenge.ChallengeState;
import io.verrou.challenge.Channel;
import io.verrou.method.AuthMethod;
import io.verrou.method.Proof;
import io.verrou.user.User;

import org.springframework.stereotype.Component;

/**
 * A call to the phone, answered with # (SPEC S4.3, S5). 0# says the call was not the person's: the call is refused,
 * and their second factor blocked ({@code FraudReported}).
 */
@Component
class CallProof implements Proof {

    /** The factor a sign-in gains by an answered call. */
    static final String FACTOR = "FACTOR_VOICE";

    private static final Screen SIGN_IN = new Screen("mfa.call.title", "mfa.call.text", "", "register.phone.callagain",
            "register.phone.answered", "mfa.otherway", false);
    private static final Screen RESET = new Screen("", "reset.call.text", "", "register.phone.callagain",
            "register.phone.answered", "", false);

    private final ChallengeService challenges;

    CallProof(ChallengeService challenges) {
        this.challenges = challenges;
    }

    @Override
    public String name() {
        return "voice";
    }

    @Override
    public Answer answer() {
        return Answer.APPROVAL;
    }

    @Override
    public boolean sends() {
        return true;
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
        return List.of("tel");
    }

    @Override
    public Sending send(User user, AuthMethod method, Flow flow, Locale locale, ClientInfo client) {
        SendResult sent = challenges.send(user, method.detail().orElseThrow(), Channel.VOICE, flow.purpose(), locale,
                client);
        if (sent instanceof SendResult.Sent ok) {
            return new Sending.Sent(ok.challengeId(), Optional.empty());
        }
        ChallengeService.Refusal refusal = sent.refusal().orElseThrow();
        return new Sending.Refused(refusal.messageKey(), refusal.argument());
    }

    @Override
    public Approval approval(UUID userId, UUID sent) {
        ChallengeState state = challenges.callState(sent, userId);
        return new Approval(state.name(), state == ChallengeState.REFUSED);
    }

    @Override
    public String endedKey(Flow flow, String state) {
        if (!ChallengeState.REFUSED.name().equals(state)) {
            return "call.ended";
        }
        return flow == Flow.SIGN_IN ? "mfa.call.refused" : "reset.call.refused";
    }
}
