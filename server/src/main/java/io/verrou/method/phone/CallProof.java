package io.verrou.method.phone;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.verrou.audit.ClientInfo;
import io.verrou.challenge.ChallengeService;
import io.verrou.challenge.ChallengeState;
import io.verrou.challenge.Channel;
import io.verrou.method.AuthMethod;
import io.verrou.method.Proof;
import io.verrou.method.SentCodeProof;
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

    private static final Definition DEFINITION = new Definition("voice", Answer.APPROVAL, true, Optional.of(FACTOR),
            List.of("tel"), Map.of(
                    Flow.SIGN_IN, new Screen("mfa.call.title", "mfa.call.text", "", "register.phone.callagain",
                            "register.phone.answered", "mfa.otherway", false),
                    Flow.RESET, new Screen("", "reset.call.text", "", "register.phone.callagain",
                            "register.phone.answered", "", false)));

    private final ChallengeService challenges;

    CallProof(ChallengeService challenges) {
        this.challenges = challenges;
    }

    @Override
    public Definition definition() {
        return DEFINITION;
    }

    @Override
    public Sending send(User user, AuthMethod method, Flow flow, Locale locale, ClientInfo client) {
        return SentCodeProof.sending(challenges.send(user, method.detail().orElseThrow(), Channel.VOICE, flow.purpose(),
                locale, client));
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
