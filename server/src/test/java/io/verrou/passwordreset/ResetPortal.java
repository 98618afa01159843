package io.verrou.passwordreset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.verrou.Page;
import io.verrou.TestBrowser;

/**
 * Walks the reset portal over HTTP the way a person who can't see the picture does: asks for the question
 * instead, reads it, and answers it.
 */
public final class ResetPortal {

    private static final Pattern QUESTION = Pattern.compile("What is (\\w+) plus (\\w+)\\?");
    private static final List<String> WORDS = List.of("zero", "one", "two", "three", "four", "five", "six", "seven",
            "eight", "nine");

    private ResetPortal() {
    }

    /** The answer to the question a page asks, e.g. "11" for "What is seven plus four?". */
    public static String answer(String text) {
        Matcher m = QUESTION.matcher(text);
        assertThat(m.find()).as("the page asks the question in words").isTrue();
        return Integer.toString(WORDS.indexOf(m.group(1)) + WORDS.indexOf(m.group(2)));
    }

    /** Types the user ID and answers the question; returns the answer to Next (a redirect when accepted). */
    public static Page begin(TestBrowser browser, String userId) {
        Page start = browser.get("/passwordreset?question=true");
        assertThat(start.status()).isEqualTo(200);
        return browser.post("/passwordreset", "userId", userId, "question", "true", "answer", answer(start.body()));
    }

    /** Begins, then chooses {@code option} at the first step; returns the page that follows. */
    public static Page choose(TestBrowser browser, String userId, String option) {
        assertThat(begin(browser, userId).location()).endsWith("/passwordreset/verify");
        browser.get("/passwordreset/verify");
        return browser.follow(browser.post("/passwordreset/verify/choose", "option", option));
    }

    /** The page with the CSRF token's value taken out, to compare two pages shown to two browsers. */
    public static String withoutToken(Page page) {
        return page.body().replaceAll("name=\"_csrf\" value=\"[^\"]+\"", "name=\"_csrf\"");
    }
}
