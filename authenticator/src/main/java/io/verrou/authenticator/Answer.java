package io.verrou.authenticator;

import java.util.Arrays;
import java.util.Optional;

/**
 * The {@code result} of answering a request (doc section 3, "Answering").
 */
enum Answer {

    /** The number was right: the sign-in goes on. */
    APPROVED("approved"),

    /** The number was wrong: the request is refused and counts as a failed verification. */
    WRONG_NUMBER("wrong_number"),

    /** The person denied the request. */
    DENIED("denied"),

    /** The person denied and reported the request: MFA is blocked until an administrator clears it. */
    REPORTED("reported");

    private final String wireName;

    Answer(String wireName) {
        this.wireName = wireName;
    }

    /**
     * Finds the answer the server named.
     *
     * @param wireName the {@code result} value
     * @return the answer, or empty for a value this version does not know
     */
    static Optional<Answer> fromWireName(String wireName) {
        return Arrays.stream(values()).filter(answer -> answer.wireName.equals(wireName)).findFirst();
    }
}
