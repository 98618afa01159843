package io.verrou.signin;

import java.io.Serializable;
import java.util.Optional;
import java.util.UUID;

import io.verrou.challenge.Channel;

/**
 * Where a person stands in the second-factor step: the method being used (for a phone, by text or call),
 * the challenge sent to it, and the wrong authenticator codes entered so far. Kept in the session, which is
 * stored in the database, hence serializable fields and {@link Optional} only at the edges.
 */
final class SecondFactorState implements Serializable {

    private static final long serialVersionUID = 1L;

    private final UUID methodId;
    private final Channel channel;
    private final UUID challengeId;
    private final int wrongCodes;

    SecondFactorState(UUID methodId, Optional<Channel> channel, Optional<UUID> challengeId, int wrongCodes) {
        this.methodId = methodId;
        this.channel = channel.orElse(null);
        this.challengeId = challengeId.orElse(null);
        this.wrongCodes = wrongCodes;
    }

    UUID methodId() {
        return methodId;
    }

    /** For a phone: text or call. */
    Optional<Channel> channel() {
        return Optional.ofNullable(channel);
    }

    /** The text or call sent, once sent. */
    Optional<UUID> challengeId() {
        return Optional.ofNullable(challengeId);
    }

    int wrongCodes() {
        return wrongCodes;
    }

    SecondFactorState withChallenge(UUID challenge) {
        return new SecondFactorState(methodId, channel(), Optional.of(challenge), wrongCodes);
    }

    SecondFactorState withWrongCode() {
        return new SecondFactorState(methodId, channel(), challengeId(), wrongCodes + 1);
    }
}
