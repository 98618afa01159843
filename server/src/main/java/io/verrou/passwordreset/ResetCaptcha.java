package io.verrou.passwordreset;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

import io.verrou.crypto.KeyedHash;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The CAPTCHA in front of the reset portal (SPEC S9), entirely our own: a picture of six characters drawn by
 * the server, or, for people who can't see it, a short question in words ({@link CaptchaQuestions}).
 *
 * <p>Nothing is stored when a puzzle is shown, so that anonymous page loads write nothing (SPEC S14): the page
 * carries a token made of a random nonce, an expiry, the kind of puzzle, and a keyed hash over those and the answer. Only the server's
 * key can make or check that hash, so the token tells nothing of the answer. Each puzzle can be answered once:
 * its nonce is written down when an answer is checked, right or wrong. {@code VERROU_CAPTCHA=off} turns the
 * CAPTCHA off for automated tests, and says so in the log.
 */
@Component
class ResetCaptcha {

    private static final Logger log = LoggerFactory.getLogger(ResetCaptcha.class);
    private static final String PURPOSE = "reset-captcha";
    static final int LENGTH = 6;
    /** How long a puzzle may be answered. */
    static final Duration LIFETIME = Duration.ofMinutes(20);
    /** Longer answers are refused unread. */
    private static final int MAX_TYPED = 40;
    private static final int MAX_TOKEN = 120;
    private static final String PICTURE = "p";
    private static final String QUESTION = "q";

    private final boolean enabled;
    private final KeyedHash keyedHash;
    private final JdbcCaptchaNonces usedNonces;
    private final SecureRandom random;
    private final CaptchaQuestions questions;
    private final Clock clock;

    ResetCaptcha(@Value("${verrou.captcha:on}") boolean enabled, KeyedHash keyedHash, JdbcCaptchaNonces usedNonces,
            SecureRandom random, MessageSource messages, Clock clock) {
        this.enabled = enabled;
        this.keyedHash = keyedHash;
        this.usedNonces = usedNonces;
        this.random = random;
        this.questions = new CaptchaQuestions(messages);
        this.clock = clock;
        if (!enabled) {
            log.warn("The password reset CAPTCHA is off (VERROU_CAPTCHA=off). Turn it off only for automated tests.");
        }
    }

    /** What the page shows, the picture or the question in words, and the token the form sends back with the answer. */
    record Puzzle(String token, Optional<String> imageDataUri, Optional<String> question) {
    }

    boolean enabled() {
        return enabled;
    }

    /** A new puzzle. */
    Puzzle issue(boolean asQuestion, Locale locale) {
        if (asQuestion) {
            CaptchaQuestions.Question question = questions.next(random, locale);
            return new Puzzle(token(QUESTION, question.answer()), Optional.empty(), Optional.of(question.text()));
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < LENGTH; i++) {
            text.append(CaptchaImage.ALPHABET.charAt(random.nextInt(CaptchaImage.ALPHABET.length())));
        }
        return new Puzzle(token(PICTURE, normalise(text.toString())),
                Optional.of(CaptchaImage.dataUri(CaptchaImage.png(text.toString(), random))), Optional.empty());
    }

    /** Whether {@code typed} answers the puzzle of {@code token}; the puzzle is used up either way. */
    boolean check(String token, String typed) {
        if (!enabled) {
            return true;
        }
        if (token == null || token.length() > MAX_TOKEN || typed == null || typed.length() > MAX_TYPED) {
            return false;
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 4 || !parts[0].matches("[A-Za-z0-9_-]{22}") || !parts[1].matches("\\d{1,12}")
                || !(parts[2].equals(PICTURE) || parts[2].equals(QUESTION))) {
            return false;
        }
        Instant expires = Instant.ofEpochSecond(Long.parseLong(parts[1]));
        Instant now = clock.instant();
        String answer = parts[2].equals(PICTURE) ? normalise(typed) : questions.fold(typed, Locale.ROOT);
        boolean right = keyedHash.matches(PURPOSE, parts[0] + ":" + parts[1] + ":" + parts[2] + ":" + answer, parts[3]);
        // Written down whatever was typed, so that a wrong answer uses the puzzle up too.
        return now.isBefore(expires) && usedNonces.useOnce(parts[0], expires, now) && right;
    }

    private String token(String kind, String answer) {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(nonce);
        String expires = Long.toString(clock.instant().plus(LIFETIME).getEpochSecond());
        return id + "." + expires + "." + kind + "." + keyedHash.hash(PURPOSE, id + ":" + expires + ":" + kind + ":" + answer);
    }

    /** People type the characters in either case, with spaces between them. */
    private static String normalise(String typed) {
        return typed.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
    }

}
