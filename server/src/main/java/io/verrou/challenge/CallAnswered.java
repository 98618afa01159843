package io.verrou.challenge;

import java.util.UUID;

/**
 * Published when a call's key press changed its challenge, within the same transaction.
 *
 * @param challengeId the call's challenge
 * @param state       APPROVED (#) or REFUSED (0#)
 */
public record CallAnswered(UUID challengeId, ChallengeState state) implements Answered {

    @Override
    public UUID answeredId() {
        return challengeId;
    }

    @Override
    public String answeredState() {
        return state.name();
    }
}
