package io.verrou.signin;

import java.io.Serializable;
import java.util.Optional;
import java.util.UUID;

/**
 * Where a person stands in the second-factor step: the method being used and how (a code, a text, a call,
 * or a push approval), the text, call or push sent, and the wrong codes entered so far. Kept in the session,
 * which is stored in the database, hence serializable fields and {@link Optional} only at the edges.
 */
final class SecondFactorState implements Serializable {

    private static final long serialVersionUID = 2L;

    /** How the method is being used. */
    enum Mode {
        /** A code from an authenticator app. */
        CODE,
        /** A code sent by text. */
        SMS,
        /** A call answered with #. */
        VOICE,
        /** A request approved in the Verrou Authenticator by typing the number shown. */
        PUSH
    }

    private final UUID methodId;
    private final Mode mode;
    private final UUID sentId;
    private final int wrongCodes;

    SecondFactorState(UUID methodId, Mode mode, Optional<UUID> sentId, int wrongCodes) {
        this.methodId = methodId;
        this.mode = mode;
        this.sentId = sentId.orElse(null);
        this.wrongCodes = wrongCodes;
    }

    UUID methodId() {
        return methodId;
    }

    Mode mode() {
        return mode;
    }

    /** The text, call or push sent for this attempt, once sent. */
    Optional<UUID> sentId() {
        return Optional.ofNullable(sentId);
    }

    int wrongCodes() {
        return wrongCodes;
    }

    SecondFactorState withSent(UUID id) {
        return new SecondFactorState(methodId, mode, Optional.of(id), wrongCodes);
    }

    SecondFactorState withoutSent() {
        return new SecondFactorState(methodId, mode, Optional.empty(), wrongCodes);
    }

    SecondFactorState withWrongCode() {
        return new SecondFactorState(methodId, mode, sentId(), wrongCodes + 1);
    }
}
