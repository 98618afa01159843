package io.verrou.otp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;
import javax.crypto.Mac;

/**
 * Time-based one-time passwords as defined by RFC 6238, with the Unix epoch as T0.
 *
 * <p>Instances are immutable and thread-safe; one per set of {@link OtpParameters} is enough.
 */
public final class Totp {

    /**
     * The largest verification window accepted, in steps either side of now. RFC 6238 recommends at most one step
     * of delay; a bound keeps a misconfigured window from turning each login into thousands of HMACs and from
     * making codes guessable for hours.
     */
    public static final int MAX_WINDOW = 10;

    private final OtpParameters parameters;

    /**
     * Creates a generator and verifier for the given parameters.
     *
     * @param parameters the algorithm, code length and period
     * @throws NullPointerException if {@code parameters} is {@code null}
     */
    public Totp(OtpParameters parameters) {
        this.parameters = Objects.requireNonNull(parameters, "parameters");
    }

    /**
     * Returns the parameters this instance uses.
     *
     * @return the parameters given to the constructor
     */
    public OtpParameters parameters() {
        return parameters;
    }

    /**
     * Returns the number of whole periods elapsed since the Unix epoch at the given instant.
     *
     * @param at the instant
     * @return the time step; negative before 1970
     * @throws NullPointerException if {@code at} is {@code null}
     */
    public long timeStep(Instant at) {
        Objects.requireNonNull(at, "at");
        // floorDiv rather than '/' so that instants just before the epoch fall in step -1, not step 0.
        return Math.floorDiv(at.getEpochSecond(), (long) parameters.periodSeconds());
    }

    /**
     * Computes the code valid at the given instant.
     *
     * @param secret the shared secret, not empty
     * @param at     the instant
     * @return the code, exactly {@link OtpParameters#digits()} digits long
     * @throws IllegalArgumentException if {@code secret} is empty
     * @throws NullPointerException     if an argument is {@code null}
     */
    public String generate(byte[] secret, Instant at) {
        return generateForStep(secret, timeStep(at));
    }

    /**
     * Computes the code of one time step.
     *
     * @param secret the shared secret, not empty
     * @param step   the time step, as returned by {@link #timeStep(Instant)}
     * @return the code, exactly {@link OtpParameters#digits()} digits long
     * @throws IllegalArgumentException if {@code secret} is empty
     * @throws NullPointerException     if {@code secret} is {@code null}
     */
    public String generateForStep(byte[] secret, long step) {
        return Hotp.generate(Hotp.mac(secret, parameters.algorithm()), step, parameters.digits());
    }

    /**
     * Checks a code typed by a user, accepting each code at most once.
     *
     * <p>The code is compared with the code of every step from {@code timeStep(now) - window} to
     * {@code timeStep(now) + window}; only steps strictly after {@code lastUsedStep} count. The caller must store
     * the returned step and pass it as {@code lastUsedStep} next time, which is what stops a code that was seen
     * (over a shoulder, by a phishing proxy) from being replayed while it is still within the window.
     *
     * <p>Every candidate step is computed and compared in constant time whatever the outcome, so the response time
     * does not reveal which step matched or how close a guess came.
     *
     * <p>The code must be exactly {@link OtpParameters#digits()} ASCII digits; callers that allow spaces or
     * other separators strip them first. Anything else is simply not a match.
     *
     * @param secret       the shared secret, not empty
     * @param code         the code to check
     * @param now          the current instant
     * @param window       the number of steps tolerated either side of now for clock drift and typing time,
     *                     0 to {@link #MAX_WINDOW} (1 is usual)
     * @param lastUsedStep the step returned by the last successful verification, or {@link Long#MIN_VALUE} if
     *                     there was none
     * @return the step whose code matched, or empty if none did
     * @throws IllegalArgumentException if {@code secret} is empty or {@code window} is outside 0..MAX_WINDOW
     * @throws NullPointerException     if {@code secret}, {@code code} or {@code now} is {@code null}
     */
    public OptionalLong verify(byte[] secret, String code, Instant now, int window, long lastUsedStep) {
        Objects.requireNonNull(code, "code");
        if (window < 0 || window > MAX_WINDOW) {
            throw new IllegalArgumentException(
                    "TOTP window must be between 0 and " + MAX_WINDOW + " steps, was " + window);
        }
        // The secret is checked before the code so that a bad secret is reported even when the user typed rubbish.
        Mac mac = Hotp.mac(secret, parameters.algorithm());
        long current = timeStep(now);
        if (!isWellFormed(code)) {
            return OptionalLong.empty();
        }
        byte[] given = code.getBytes(StandardCharsets.US_ASCII);
        boolean found = false;
        long matched = Long.MIN_VALUE;
        for (long step = current - window; step <= current + window; step++) {
            byte[] expected = Hotp.generate(mac, step, parameters.digits()).getBytes(StandardCharsets.US_ASCII);
            boolean match = MessageDigest.isEqual(expected, given) & step > lastUsedStep;
            // Keep the latest matching step: if two steps happen to share this code, storing the earlier one would
            // leave the later one open to a replay of the very same code.
            if (match) {
                found = true;
                matched = step;
            }
        }
        return found ? OptionalLong.of(matched) : OptionalLong.empty();
    }

    private boolean isWellFormed(String code) {
        if (code.length() != parameters.digits()) {
            return false;
        }
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            // Not Character.isDigit: it also accepts non-ASCII digits such as full-width or Arabic-Indic ones.
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * Describes the parameters; a {@code Totp} holds no secret.
     *
     * @return a description such as {@code Totp[SHA1, 6 digits, 30 s]}
     */
    @Override
    public String toString() {
        return "Totp[" + parameters.algorithm() + ", " + parameters.digits() + " digits, "
                + parameters.periodSeconds() + " s]";
    }
}
