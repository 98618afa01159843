package io.verrou.passwordreset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.verrou.MutableClock;
import io.verrou.crypto.KeyedHash;
import io.verrou.crypto.MasterKey;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The reset portal's CAPTCHA on its own: each puzzle answers once, in either case, its token tells nothing of the
 * answer, and {@code VERROU_CAPTCHA=off} lets everything through.
 */
class ResetCaptchaTest {

    private static final KeyedHash KEYED_HASH = new KeyedHash(MasterKey.load(
            Optional.of("dGVzdC1vbmx5LWtleS10ZXN0LW9ubHkta2V5LTMyYnk="), Path.of("unused"), new SecureRandom()));

    private final ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
    private final MutableClock clock = new MutableClock();

    /** The nonces in memory, as the table keeps them. */
    private static final class RememberedNonces extends JdbcCaptchaNonces {
        private final Set<String> used = new HashSet<>();

        RememberedNonces() {
            super(null);
        }

        @Override
        boolean useOnce(String nonce, Instant expires, Instant now) {
            return used.add(nonce);
        }
    }

    ResetCaptchaTest() {
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
    }

    private ResetCaptcha captcha(boolean enabled) {
        return new ResetCaptcha(enabled, KEYED_HASH, new RememberedNonces(), new SecureRandom(), messages, clock);
    }

    @Test
    void theRightAnswerToTheQuestionPassesOnceOnly() {
        ResetCaptcha captcha = captcha(true);
        ResetCaptcha.Puzzle puzzle = captcha.issue(true, Locale.ENGLISH);
        String answer = ResetPortal.answer(puzzle.question().orElseThrow());
        assertThat(captcha.check(puzzle.token(), answer)).isTrue();
        assertThat(captcha.check(puzzle.token(), answer)).as("used up").isFalse();
    }

    @Test
    void aWrongAnswerUsesThePuzzleUp() {
        ResetCaptcha captcha = captcha(true);
        ResetCaptcha.Puzzle puzzle = captcha.issue(true, Locale.ENGLISH);
        String answer = ResetPortal.answer(puzzle.question().orElseThrow());
        assertThat(captcha.check(puzzle.token(), "99")).isFalse();
        assertThat(captcha.check(puzzle.token(), answer)).isFalse();
    }

    @Test
    void thePictureIsAPngAndItsTokenHoldsOnlyANonceAnExpiryAndAKeyedHash() {
        ResetCaptcha captcha = captcha(true);
        ResetCaptcha.Puzzle puzzle = captcha.issue(false, Locale.ENGLISH);
        assertThat(puzzle.imageDataUri()).get().asString().startsWith("data:image/png;base64,");
        assertThat(puzzle.question()).isEmpty();
        assertThat(puzzle.token()).as("a nonce, an expiry and a keyed hash, nothing else")
                .matches("[A-Za-z0-9_-]{22}\\.\\d+\\.p\\.[A-Za-z0-9_-]{43}");
        assertThat(captcha.check(puzzle.token(), "")).isFalse();
    }

    @Test
    void aTokenWithAnotherAnswerOrExpiryIsRefused() {
        ResetCaptcha captcha = captcha(true);
        ResetCaptcha.Puzzle puzzle = captcha.issue(true, Locale.ENGLISH);
        String answer = ResetPortal.answer(puzzle.question().orElseThrow());
        String[] parts = puzzle.token().split("\\.");
        String later = parts[0] + "." + (Long.parseLong(parts[1]) + 3600) + "." + parts[2] + "." + parts[3];
        assertThat(captcha.check(later, answer)).as("an expiry the server didn't sign").isFalse();
    }

    @Test
    void aPuzzleAnsweredAfterItsLifetimeIsRefused() {
        ResetCaptcha captcha = captcha(true);
        ResetCaptcha.Puzzle puzzle = captcha.issue(true, Locale.ENGLISH);
        String answer = ResetPortal.answer(puzzle.question().orElseThrow());
        clock.advance(ResetCaptcha.LIFETIME.plus(Duration.ofSeconds(1)));
        assertThat(captcha.check(puzzle.token(), answer)).isFalse();
    }

    @Test
    void thousandsOfDistinctQuestionsComeUpInBothLanguagesAndEachTakesItsAnswerInAnyForm() {
        CaptchaQuestions questions = new CaptchaQuestions(messages);
        SecureRandom random = new SecureRandom();
        Set<String> english = new HashSet<>();
        for (int i = 0; i < 5000; i++) {
            CaptchaQuestions.Question question = questions.next(random, Locale.ENGLISH);
            english.add(question.text());
            assertThat(questions.fold(ResetPortal.answer(question.text()), Locale.ENGLISH)).as(question.text())
                    .isEqualTo(question.answer());
        }
        assertThat(english).as("distinct questions in 5,000").hasSizeGreaterThan(2000);
        Set<String> french = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            CaptchaQuestions.Question question = questions.next(random, Locale.FRENCH);
            french.add(question.text());
            assertThat(question.text()).endsWith("\u00a0?").doesNotContain("{");
        }
        assertThat(french).hasSizeGreaterThan(300);
        assertThat(questions.fold(" Dix-Sept ", Locale.FRENCH)).isEqualTo("17");
        assertThat(questions.fold("seventeen", Locale.ENGLISH)).isEqualTo("17");
        assertThat(questions.fold("Zèbre", Locale.FRENCH)).isEqualTo(questions.fold("zebre", Locale.ROOT));
    }

    @Test
    void noPuzzleAndNothingTypedFails() {
        ResetCaptcha captcha = captcha(true);
        assertThat(captcha.check("", "ANYTHING")).isFalse();
        assertThat(captcha.check("not.a.token", "ANYTHING")).isFalse();
        assertThat(captcha.check("x".repeat(10_000), "ANYTHING")).isFalse();
    }

    @Test
    void turnedOffForAutomatedTestsItLetsEveryAnswerThrough() {
        ResetCaptcha captcha = captcha(false);
        assertThat(captcha.enabled()).isFalse();
        assertThat(captcha.check("", "")).isTrue();
    }
}
