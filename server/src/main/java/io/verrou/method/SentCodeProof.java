package io.verrou.method;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.verrou.audit.ClientInfo;
import io.verrou.challenge.ChallengeService;
import io.verrou.challenge.ChallengeService.SendResult;
import io.verrou.challenge.Channel;
import io.verrou.challenge.SecondFactorLockout.Verdict;
import io.verrou.user.User;

/**
 * A one-time code sent to what the method reaches — by text, by email — and typed back. The code has its own
 * attempt limit, its expiry and single use ({@link ChallengeService}); a wrong one also counts toward the
 * person's lockouts.
 */
public final class SentCodeProof implements Proof {

    private final ChallengeService challenges;
    private final Channel channel;
    private final Definition definition;

    /**
     * @param factor  the factor a sign-in gains, for a code that serves sign-in
     * @param screens what the pages say, for each flow it serves
     */
    public SentCodeProof(ChallengeService challenges, Channel channel, Optional<String> factor, List<String> amr,
            Map<Flow, Screen> screens) {
        this.challenges = challenges;
        this.channel = channel;
        this.definition = new Definition(channel.id(), Answer.CODE, true, factor, amr, screens);
    }

    @Override
    public Definition definition() {
        return definition;
    }

    @Override
    public Sending send(User user, AuthMethod method, Flow flow, Locale locale, ClientInfo client) {
        return sending(challenges.send(user, method.detail().orElseThrow(), channel, flow.purpose(), locale, client));
    }

    /** How a challenge's send went, as a proof says it: the challenge to check or wait on, or why nothing went. */
    public static Sending sending(SendResult sent) {
        if (sent instanceof SendResult.Sent ok) {
            return new Sending.Sent(ok.challengeId(), Optional.empty());
        }
        ChallengeService.Refusal refusal = sent.refusal().orElseThrow();
        return new Sending.Refused(refusal.messageKey(), refusal.argument());
    }

    @Override
    public Check check(User user, AuthMethod method, Optional<UUID> sent, String code) {
        if (sent.isEmpty()) {
            return new Check(Verdict.NOT_COUNTED, "code.voided", "no_code_sent");
        }
        return switch (challenges.verifyCode(sent.get(), user.id(), code)) {
            case ACCEPTED -> Check.right();
            case WRONG -> Check.wrong();
            // Past its attempts: one more guess is still a wrong one.
            case VOIDED -> new Check(Verdict.WRONG, "code.voided", "voided_code");
            case EXPIRED -> new Check(Verdict.NOT_COUNTED, "code.expired", "expired_code");
            case UNKNOWN -> new Check(Verdict.NOT_COUNTED, "code.voided", "unknown_code");
        };
    }
}
