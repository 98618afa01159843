package io.verrou.passwordreset;

import java.io.Serializable;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

import io.verrou.crypto.KeyedHash;

import jakarta.servlet.http.HttpSession;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The CAPTCHA in front of the reset portal (SPEC S9), entirely our own: a picture of six characters drawn by
 * the server, or, for people who can't see it, a small sum written in words. The answer is kept in the session
 * only as a keyed hash, and each puzzle can be answered once: right or wrong, the next try gets a new one.
 * {@code VERROU_CAPTCHA=off} turns it off for automated tests, and says so in the log.
 */
@Component
class ResetCaptcha {

    private static final Logger log = LoggerFactory.getLogger(ResetCaptcha.class);
    private static final String ATTRIBUTE = ResetCaptcha.class.getName();
    private static final String PURPOSE = "reset-captcha";
    static final int LENGTH = 6;
    /** Longer answers are refused unread. */
    private static final int MAX_TYPED = 40;

    private final boolean enabled;
    private final KeyedHash keyedHash;
    private final SecureRandom random;
    private final MessageSource messages;

    ResetCaptcha(@Value("${verrou.captcha:on}") boolean enabled, KeyedHash keyedHash, SecureRandom random,
            MessageSource messages) {
        this.enabled = enabled;
        this.keyedHash = keyedHash;
        this.random = random;
        this.messages = messages;
        if (!enabled) {
            log.warn("The password reset CAPTCHA is off (VERROU_CAPTCHA=off). Turn it off only for automated tests.");
        }
    }

    /** What the page shows: the picture, or the question in words. */
    record Puzzle(Optional<String> imageDataUri, Optional<String> question) {
    }

    boolean enabled() {
        return enabled;
    }

    /** A new puzzle for this browser; the one before it no longer counts. */
    Puzzle issue(HttpSession session, boolean asQuestion, Locale locale) {
        if (asQuestion) {
            int a = 1 + random.nextInt(9);
            int b = 1 + random.nextInt(9);
            remember(session, Integer.toString(a + b));
            String question = messages.getMessage("reset.captcha.question",
                    new Object[] {word(a, locale), word(b, locale)}, locale);
            return new Puzzle(Optional.empty(), Optional.of(question));
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < LENGTH; i++) {
            text.append(CaptchaImage.ALPHABET.charAt(random.nextInt(CaptchaImage.ALPHABET.length())));
        }
        remember(session, text.toString());
        return new Puzzle(Optional.of(CaptchaImage.dataUri(CaptchaImage.png(text.toString(), random))), Optional.empty());
    }

    /** Whether {@code typed} answers the browser's puzzle; the puzzle is used up either way. */
    boolean check(HttpSession session, String typed) {
        if (!enabled) {
            return true;
        }
        Object stored = session.getAttribute(ATTRIBUTE);
        session.removeAttribute(ATTRIBUTE);
        if (!(stored instanceof Answer answer) || typed == null || typed.length() > MAX_TYPED) {
            return false;
        }
        return keyedHash.matches(PURPOSE, answer.salt() + ":" + normalise(typed), answer.hash());
    }

    /** People type the characters in either case, with spaces between them. */
    private static String normalise(String typed) {
        return typed.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
    }

    private void remember(HttpSession session, String answer) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        String saltHex = HexFormat.of().formatHex(salt);
        session.setAttribute(ATTRIBUTE, new Answer(saltHex, keyedHash.hash(PURPOSE, saltHex + ":" + answer)));
    }

    private String word(int number, Locale locale) {
        return messages.getMessage("reset.captcha.number." + number, null, locale);
    }

    /** The answer's keyed hash and its salt; never the answer itself. */
    private record Answer(String salt, String hash) implements Serializable {
    }
}
