package io.verrou.passwordreset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.verrou.Page;
import io.verrou.TestBrowser;

/**
 * Walks the reset portal over HTTP the way a person who can't see the picture does: asks for the question
 * instead, reads it, and answers it.
 */
public final class ResetPortal {

    private static final List<String> NUMBERS = List.of("zero", "one", "two", "three", "four", "five", "six", "seven",
            "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
            "eighteen", "nineteen", "twenty");
    private static final List<String> ORDINALS = List.of("first", "second", "third", "fourth", "fifth");
    private static final List<String> DAYS = List.of("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
            "Sunday");
    private static final Map<String, List<String>> KINDS = Map.of(
            "colour", List.of("red", "green", "blue", "yellow", "orange", "purple", "pink", "brown", "black", "white", "grey"),
            "animal", List.of("horse", "rabbit", "tiger", "eagle", "mouse", "sheep", "whale", "camel", "zebra", "otter", "goose", "donkey"),
            "fruit", List.of("apple", "pear", "banana", "cherry", "lemon", "mango", "peach", "plum", "grape", "melon", "apricot"));
    private static final Pattern ARITHMETIC = Pattern.compile("What is (\\w+) (plus|minus|times) (\\w+)\\?");
    private static final Pattern NTH_WORD = Pattern.compile("What is the (\\w+) word in this list: ([^?]+)\\?");
    private static final Pattern EXTREME = Pattern.compile("Which is the (largest|smallest) of these numbers: ([\\d, ]+)\\?");
    private static final Pattern ODD_ONE = Pattern.compile("Which of these is an? (colour|animal|fruit): ([^?]+)\\?");
    private static final Pattern DAY_AFTER = Pattern.compile("Which day comes after (\\w+)\\?");
    private static final Pattern LETTERS = Pattern.compile("How many letters are in the word “(\\w+)”\\?");
    private static final Pattern FIRST_LETTER = Pattern.compile("What is the first letter of the word “(\\w+)”\\?");

    private ResetPortal() {
    }

    /**
     * The answer to the question a page asks, e.g. "11" for "What is seven plus four?": a script can answer them,
     * which is why the portal's real protection is its limits per address and per name.
     */
    public static String answer(String text) {
        Matcher m = ARITHMETIC.matcher(text);
        if (m.find()) {
            int a = number(m.group(1));
            int b = number(m.group(3));
            return Integer.toString(switch (m.group(2)) {
                case "plus" -> a + b;
                case "minus" -> a - b;
                default -> a * b;
            });
        }
        if ((m = NTH_WORD.matcher(text)).find()) {
            return List.of(m.group(2).split(", ")).get(ORDINALS.indexOf(m.group(1)));
        }
        if ((m = EXTREME.matcher(text)).find()) {
            List<Integer> numbers = Arrays.stream(m.group(2).split(", ")).map(String::strip).map(Integer::parseInt).toList();
            return Integer.toString(m.group(1).equals("largest") ? Collections.max(numbers) : Collections.min(numbers));
        }
        if ((m = ODD_ONE.matcher(text)).find()) {
            List<String> kind = KINDS.get(m.group(1));
            return Arrays.stream(m.group(2).split(", ")).filter(kind::contains).findFirst().orElseThrow();
        }
        if ((m = DAY_AFTER.matcher(text)).find()) {
            return DAYS.get((DAYS.indexOf(m.group(1)) + 1) % DAYS.size());
        }
        if ((m = LETTERS.matcher(text)).find()) {
            return Integer.toString(m.group(1).length());
        }
        if ((m = FIRST_LETTER.matcher(text)).find()) {
            return m.group(1).substring(0, 1);
        }
        throw new AssertionError("The page asks no question this helper knows: " + text.replaceAll("(?s).*<label for=\"answer\">([^<]*)<.*", "$1"));
    }

    private static int number(String typed) {
        return NUMBERS.contains(typed) ? NUMBERS.indexOf(typed) : Integer.parseInt(typed);
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
