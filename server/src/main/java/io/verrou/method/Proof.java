package io.verrou.method;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.random.RandomGenerator;

import io.verrou.audit.ClientInfo;
import io.verrou.challenge.SecondFactorLockout.Verdict;
import io.verrou.user.User;

/**
 * One way of proving that a method is the person's: typing the code an app shows, a code sent by text or email,
 * approving a request in the app, answering a call, answering questions. Sign-in and password reset drive every
 * proof the same way, by its {@link #answer()}; what differs lives here, in the method kind that owns it.
 */
public interface Proof {

    /** Where a proof is asked for: the purpose of what it sends, and the texts of its page. */
    enum Flow {
        SIGN_IN("signin"), RESET("reset");

        private final String purpose;

        Flow(String purpose) {
            this.purpose = purpose;
        }

        /** The purpose of the codes, calls and requests sent: {@code signin}, {@code reset}. */
        public String purpose() {
            return purpose;
        }
    }

    /** How the person answers. */
    enum Answer {
        /** By typing a code: from an app, or the one sent. */
        CODE,
        /** In the app or on the phone, while the page waits. */
        APPROVAL,
        /** By answering questions (password reset only). */
        ANSWERS
    }

    /** What the proof is, in one value. */
    Definition definition();

    /** Its name in the audit log: {@code totp}, {@code sms}, {@code push}… */
    default String name() {
        return definition().name();
    }

    default Answer answer() {
        return definition().answer();
    }

    /** Whether something is sent first: a text, an email, a call, a request to the app. */
    default boolean sends() {
        return definition().sends();
    }

    /** What the page says, by message key, where it serves. */
    default Screen screen(Flow flow) {
        Screen screen = definition().screens().get(flow);
        if (screen == null) {
            throw new UnsupportedOperationException(name() + " does not serve " + flow);
        }
        return screen;
    }

    /** The factor authority a sign-in gains by it; see {@code signin.Factors}. */
    default String factor() {
        return definition().factor().orElseThrow(() -> new UnsupportedOperationException(name() + " does not serve sign-in"));
    }

    /** Its values for the {@code amr} claim of tokens (RFC 8176). */
    default List<String> amr() {
        return definition().amr();
    }

    /** For a proof that {@link #sends()}: sends it to {@code method}; outside any transaction, as it calls a provider. */
    default Sending send(User user, AuthMethod method, Flow flow, Locale locale, ClientInfo client) {
        throw new UnsupportedOperationException(name() + " sends nothing");
    }

    /**
     * What a page shows in place of {@link #send} for an account without the method (password reset shows the same
     * pages either way): nothing is sent, and nothing will prove it.
     */
    default Sending.Sent standIn(RandomGenerator random) {
        return new Sending.Sent(UUID.randomUUID(), Optional.empty());
    }

    /** For {@link Answer#CODE}: checks a typed code against the method and, when one was sent, what was sent. */
    default Check check(User user, AuthMethod method, Optional<UUID> sent, String code) {
        throw new UnsupportedOperationException(name() + " takes no code");
    }

    /** For {@link Answer#APPROVAL}: where what was sent stands. */
    default Approval approval(UUID userId, UUID sent) {
        throw new UnsupportedOperationException(name() + " waits on nothing");
    }

    /** For {@link Answer#APPROVAL}: what the page says once it ended in {@code state} without an approval. */
    default String endedKey(Flow flow, String state) {
        throw new UnsupportedOperationException(name() + " waits on nothing");
    }

    /**
     * For {@link Answer#ANSWERS}: the questions to ask now — drawn from the method's, or, for an account without
     * it, drawn the same way from a set that is always the same for the name.
     */
    default List<String> ask(Optional<AuthMethod> method, String signInName, Optional<UUID> tenantId,
            RandomGenerator random) {
        throw new UnsupportedOperationException(name() + " asks nothing");
    }

    /** For {@link Answer#ANSWERS}: the questions asked, in the page's language. */
    default List<String> questionTexts(List<String> asked, Optional<UUID> tenantId, Locale locale) {
        throw new UnsupportedOperationException(name() + " asks nothing");
    }

    /** For {@link Answer#ANSWERS}: whether every answer is right, by question; for no method, never, as slowly. */
    default boolean answered(Optional<AuthMethod> method, Map<String, String> answers) {
        throw new UnsupportedOperationException(name() + " asks nothing");
    }

    /** How sending went. */
    sealed interface Sending {
        /** Sent: what to wait on or check against, and the number the page shows, when it shows one. */
        record Sent(UUID id, Optional<String> number) implements Sending {
        }

        /** Nothing sent; the message key says why, with its argument. */
        record Refused(String messageKey, long argument) implements Sending {
        }
    }

    /**
     * How a typed code went.
     *
     * @param verdict    right; wrong (it counts toward the lockouts); or not counted (an expired code)
     * @param messageKey what the page says when it is not right
     * @param reason     why, for the audit log: {@code wrong_code}, {@code expired_code}…
     */
    record Check(Verdict verdict, String messageKey, String reason) {

        public static Check right() {
            return new Check(Verdict.RIGHT, "", "");
        }

        public static Check wrong() {
            return new Check(Verdict.WRONG, "code.wrong", "wrong_code");
        }
    }

    /**
     * Where an approval stands: {@code PENDING}, {@code APPROVED}, or how it ended ({@code DENIED}, {@code EXPIRED}…).
     *
     * @param counted for an ending, whether it counts as a failed proof (a denial does; expiry doesn't)
     */
    record Approval(String state, boolean counted) {

        public boolean pending() {
            return "PENDING".equals(state);
        }

        public boolean approved() {
            return "APPROVED".equals(state);
        }
    }

    /**
     * What a proof is.
     *
     * @param name    its name in the audit log
     * @param answer  how the person answers it
     * @param sends   whether something is sent first
     * @param factor  the factor authority a sign-in gains by it, for a proof that serves sign-in
     * @param amr     its {@code amr} values
     * @param screens what its pages say, for each flow it serves
     */
    record Definition(String name, Answer answer, boolean sends, Optional<String> factor, List<String> amr,
            Map<Flow, Screen> screens) {

        public Definition {
            amr = List.copyOf(amr);
            screens = Map.copyOf(screens);
        }
    }

    /**
     * What a proof's page says, by message key; the empty string where it says nothing.
     *
     * @param titleKey      the page's heading (sign-in; the reset portal names the way chosen instead)
     * @param textKey       what to do, with the masked detail as argument: "We texted a code to {0}…"
     * @param notSentKey    said instead while nothing is sent yet
     * @param resendKey     the button that sends again
     * @param checkKey      for an approval, the button that looks again now ("I answered the call")
     * @param otherWaysKey  the link to the other ways
     * @param showsNumber   whether the page shows the number to type in the app
     */
    record Screen(String titleKey, String textKey, String notSentKey, String resendKey, String checkKey,
            String otherWaysKey, boolean showsNumber) {
    }
}
