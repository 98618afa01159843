package io.verrou.passwordreset;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Where one browser stands in a password reset (SPEC S9): the name it asked for, the account behind it when
 * there is one, the client address it started from, the methods proved so far, and the verification under way.
 * Kept in the session, which is stored in the database, hence serializable fields and {@link Optional} only at the
 * edges. The account is never shown: a name without one walks through the same pages.
 */
final class ResetSession implements Serializable {

    private static final long serialVersionUID = 3L;

    private final String signInName;
    private final UUID userId;
    private final UUID tenantId;
    private final String address;
    private final Instant startedAt;
    private final ArrayList<UUID> verified;
    private final String option;
    private final UUID methodId;
    private final UUID sentId;
    private final Instant sentAt;
    private final String number;
    private final ArrayList<String> questionIds;

    private ResetSession(String signInName, UUID userId, UUID tenantId, String address, Instant startedAt,
            List<UUID> verified, String option, UUID methodId, UUID sentId, Instant sentAt, String number,
            List<String> questionIds) {
        this.signInName = signInName;
        this.userId = userId;
        this.tenantId = tenantId;
        this.address = address;
        this.startedAt = startedAt;
        this.verified = new ArrayList<>(verified);
        this.option = option;
        this.methodId = methodId;
        this.sentId = sentId;
        this.sentAt = sentAt;
        this.number = number;
        this.questionIds = new ArrayList<>(questionIds);
    }

    static ResetSession start(String signInName, Optional<UUID> userId, Optional<UUID> tenantId, String address,
            Instant now) {
        return new ResetSession(signInName, userId.orElse(null), tenantId.orElse(null), address, now, List.of(), null,
                null, null, null, null, List.of());
    }

    String signInName() {
        return signInName;
    }

    /** The enabled account the name belongs to, if any. */
    Optional<UUID> userId() {
        return Optional.ofNullable(userId);
    }

    /** The organisation of the name's domain, if any. */
    Optional<UUID> tenantId() {
        return Optional.ofNullable(tenantId);
    }

    /** The client address the reset started from: what its retyped numbers are counted against. */
    String address() {
        return address;
    }

    Instant startedAt() {
        return startedAt;
    }

    /** The methods proved so far, in order. */
    List<UUID> verified() {
        return List.copyOf(verified);
    }

    /** The verification step the person is on: 1, then 2 (and 3 when a sign-in method is still to prove). */
    int step() {
        return verified.size() + 1;
    }

    /** The way of proving chosen for this step ({@code sms}, {@code app_code}…), once chosen. */
    Optional<String> option() {
        return Optional.ofNullable(option);
    }

    /** The method the code, call or notification goes to, once known. */
    Optional<UUID> methodId() {
        return Optional.ofNullable(methodId);
    }

    /** The code, call or notification sent (or, for an account without it, the one nobody receives), once sent. */
    Optional<UUID> sentId() {
        return Optional.ofNullable(sentId);
    }

    /** When it was sent. */
    Optional<Instant> sentAt() {
        return Optional.ofNullable(sentAt);
    }

    /** The number the notification's page shows. */
    Optional<String> number() {
        return Optional.ofNullable(number);
    }

    /** The security questions asked now. */
    List<String> questionIds() {
        return List.copyOf(questionIds);
    }

    ResetSession choosing(String chosen, Optional<UUID> method) {
        return new ResetSession(signInName, userId, tenantId, address, startedAt, verified, chosen, method.orElse(null),
                null, null, null, List.of());
    }

    /**
     * A code, call or notification sent to {@code method}; {@code method} may be one no account has, for a name
     * whose account lacks the way chosen, so that it is never proved.
     */
    ResetSession withSent(UUID method, UUID sent, Instant at, Optional<String> shownNumber) {
        return new ResetSession(signInName, userId, tenantId, address, startedAt, verified, option, method, sent, at,
                shownNumber.orElse(null), List.of());
    }

    ResetSession withQuestions(UUID method, List<String> ids) {
        return new ResetSession(signInName, userId, tenantId, address, startedAt, verified, option, method, null, null,
                null, ids);
    }

    /** Back to the list of ways, with nothing under way. */
    ResetSession cleared() {
        return new ResetSession(signInName, userId, tenantId, address, startedAt, verified, null, null, null, null, null,
                List.of());
    }

    /** {@code method} is proved: on to the next step. */
    ResetSession verified(UUID method) {
        List<UUID> proved = new ArrayList<>(verified);
        proved.add(method);
        return new ResetSession(signInName, userId, tenantId, address, startedAt, proved, null, null, null, null, null,
                List.of());
    }

    /** Leaves the account out, so that it never reaches a log. */
    @Override
    public String toString() {
        return "ResetSession[step=" + step() + ", option=" + option + "]";
    }
}
