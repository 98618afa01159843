package io.verrou.passwordreset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;

import io.verrou.crypto.KeyedHash;
import io.verrou.crypto.MasterKey;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.mock.web.MockHttpSession;

/**
 * The reset portal's CAPTCHA on its own: each puzzle answers once, in either case, and {@code VERROU_CAPTCHA=off}
 * lets everything through.
 */
class ResetCaptchaTest {

    private static final KeyedHash KEYED_HASH = new KeyedHash(MasterKey.load(
            Optional.of("dGVzdC1vbmx5LWtleS10ZXN0LW9ubHkta2V5LTMyYnk="), Path.of("unused"), new SecureRandom()));

    private final StaticMessageSource messages = new StaticMessageSource();

    ResetCaptchaTest() {
        messages.addMessage("reset.captcha.question", Locale.ENGLISH, "What is {0} plus {1}?");
        String[] words = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine"};
        for (int i = 0; i < words.length; i++) {
            messages.addMessage("reset.captcha.number." + (i + 1), Locale.ENGLISH, words[i]);
        }
    }

    @Test
    void theRightAnswerToTheQuestionPassesOnceOnly() {
        ResetCaptcha captcha = new ResetCaptcha(true, KEYED_HASH, new SecureRandom(), messages);
        MockHttpSession session = new MockHttpSession();
        String question = captcha.issue(session, true, Locale.ENGLISH).question().orElseThrow();
        String answer = ResetPortal.answer(question);
        assertThat(captcha.check(session, answer)).isTrue();
        assertThat(captcha.check(session, answer)).as("used up").isFalse();
    }

    @Test
    void aWrongAnswerUsesThePuzzleUp() {
        ResetCaptcha captcha = new ResetCaptcha(true, KEYED_HASH, new SecureRandom(), messages);
        MockHttpSession session = new MockHttpSession();
        String answer = ResetPortal.answer(captcha.issue(session, true, Locale.ENGLISH).question().orElseThrow());
        assertThat(captcha.check(session, "99")).isFalse();
        assertThat(captcha.check(session, answer)).isFalse();
    }

    @Test
    void thePictureIsAPngAndItsCharactersAreKeptOnlyAsAHash() {
        ResetCaptcha captcha = new ResetCaptcha(true, KEYED_HASH, new SecureRandom(), messages);
        MockHttpSession session = new MockHttpSession();
        ResetCaptcha.Puzzle puzzle = captcha.issue(session, false, Locale.ENGLISH);
        assertThat(puzzle.imageDataUri()).get().asString().startsWith("data:image/png;base64,");
        assertThat(puzzle.question()).isEmpty();
        Object stored = session.getAttribute(ResetCaptcha.class.getName());
        assertThat(stored.toString()).as("a salt and a keyed hash, nothing else")
                .matches("Answer\\[salt=[0-9a-f]{32}, hash=[A-Za-z0-9_=-]+]");
        assertThat(captcha.check(session, "")).isFalse();
    }

    @Test
    void noPuzzleAndNothingTypedFails() {
        ResetCaptcha captcha = new ResetCaptcha(true, KEYED_HASH, new SecureRandom(), messages);
        assertThat(captcha.check(new MockHttpSession(), "ANYTHING")).isFalse();
    }

    @Test
    void turnedOffForAutomatedTestsItLetsEveryAnswerThrough() {
        ResetCaptcha captcha = new ResetCaptcha(false, KEYED_HASH, new SecureRandom(), messages);
        assertThat(captcha.enabled()).isFalse();
        assertThat(captcha.check(new MockHttpSession(), "")).isTrue();
    }
}
