package io.verrou.challenge;

/** Where a challenge stands. */
public enum ChallengeState {
    /** Sent; waiting for the code or the key press. */
    PENDING,
    /** The right code was entered, or # was pressed. */
    APPROVED,
    /** 0# was pressed: the person reported that they did not ask for it. */
    REFUSED,
    /** Too many wrong codes: no code is accepted any more. */
    VOIDED,
    /** The provider could not take it. */
    FAILED
}
