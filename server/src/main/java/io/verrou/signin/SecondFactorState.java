package io.verrou.signin;

import java.io.Serial;
import java.io.Serializable;
import java.util.Optional;
import java.util.UUID;

/**
 * Where a person stands in the second-factor step: the method being used and which of its ways ({@code push},
 * {@code code}, {@code sms}…), what was sent for it (and the number it shows), and the wrong codes typed so far. Kept in the session, which is
 * stored in the database, hence serializable fields and {@link Optional} only at the edges.
 */
final class SecondFactorState implements Serializable {

    @Serial
    private static final long serialVersionUID = 3L;

    private final UUID methodId;
    private final String way;
    private final UUID sentId;
    private final String number;
    private final int wrongCodes;

    SecondFactorState(UUID methodId, String way, Optional<UUID> sentId, Optional<String> number, int wrongCodes) {
        this.methodId = methodId;
        this.way = way;
        this.sentId = sentId.orElse(null);
        this.number = number.orElse(null);
        this.wrongCodes = wrongCodes;
    }

    /** A fresh start with a way: nothing sent, the wrong codes so far kept. */
    static SecondFactorState start(UUID methodId, String way, int wrongCodes) {
        return new SecondFactorState(methodId, way, Optional.empty(), Optional.empty(), wrongCodes);
    }

    UUID methodId() {
        return methodId;
    }

    /** The way of the method being used, by its id among the method's ways. */
    String way() {
        return way;
    }

    /** The text, call or push sent for this attempt, once sent. */
    Optional<UUID> sentId() {
        return Optional.ofNullable(sentId);
    }

    /** The number the page shows, to type in the app. */
    Optional<String> number() {
        return Optional.ofNullable(number);
    }

    int wrongCodes() {
        return wrongCodes;
    }

    SecondFactorState withSent(UUID id, Optional<String> shownNumber) {
        return new SecondFactorState(methodId, way, Optional.of(id), shownNumber, wrongCodes);
    }

    SecondFactorState withWrongCode() {
        return new SecondFactorState(methodId, way, sentId(), number(), wrongCodes + 1);
    }
}
