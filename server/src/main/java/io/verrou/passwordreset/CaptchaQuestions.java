package io.verrou.passwordreset;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

import org.springframework.context.MessageSource;

/**
 * The CAPTCHA's accessible alternative (SPEC S9): a short question in words, drawn from ten kinds of question over
 * word lists in the person's language, so that thousands of distinct questions come up rather than one sum.
 * Answers are compared folded: any case, no accents, numbers as digits or words. It slows scripts and guesses down;
 * what protects the portal is the limits per address and per name behind it.
 */
final class CaptchaQuestions {

    /** A question and the one answer it takes, folded. */
    record Question(String text, String answer) {
        @Override
        public String toString() {
            return "Question[…]";
        }
    }

    private enum Shape {
        SUM, DIFFERENCE, PRODUCT, NTH_WORD, LARGEST, SMALLEST, ODD_ONE, DAY_AFTER, LETTERS, FIRST_LETTER
    }

    private static final String[] CATEGORIES = {"colours", "animals", "fruits"};

    private final MessageSource messages;

    CaptchaQuestions(MessageSource messages) {
        this.messages = messages;
    }

    Question next(RandomGenerator random, Locale locale) {
        Shape shape = Shape.values()[random.nextInt(Shape.values().length)];
        return switch (shape) {
            case SUM -> {
                int a = 1 + random.nextInt(20);
                int b = 1 + random.nextInt(20);
                yield question("sum", Integer.toString(a + b), locale, number(a, random, locale), number(b, random, locale));
            }
            case DIFFERENCE -> {
                int a = 5 + random.nextInt(16);
                int b = 1 + random.nextInt(a - 1);
                yield question("difference", Integer.toString(a - b), locale, number(a, random, locale), number(b, random, locale));
            }
            case PRODUCT -> {
                int a = 2 + random.nextInt(8);
                int b = 2 + random.nextInt(5);
                yield question("product", Integer.toString(a * b), locale, number(a, random, locale), number(b, random, locale));
            }
            case NTH_WORD -> {
                List<String> words = pick(all(locale), 4 + random.nextInt(2), random);
                int n = random.nextInt(words.size());
                yield question("nthword", words.get(n), locale, words(locale, "ordinals").get(n), String.join(", ", words));
            }
            case LARGEST, SMALLEST -> {
                List<Integer> numbers = new ArrayList<>();
                while (numbers.size() < 4) {
                    int n = 1 + random.nextInt(99);
                    if (!numbers.contains(n)) {
                        numbers.add(n);
                    }
                }
                int answer = shape == Shape.LARGEST ? numbers.stream().max(Integer::compare).orElseThrow()
                        : numbers.stream().min(Integer::compare).orElseThrow();
                yield question(shape == Shape.LARGEST ? "largest" : "smallest", Integer.toString(answer), locale,
                        String.join(", ", numbers.stream().map(String::valueOf).toList()));
            }
            case ODD_ONE -> {
                int category = random.nextInt(CATEGORIES.length);
                String answer = pick(words(locale, CATEGORIES[category]), 1, random).get(0);
                List<String> others = new ArrayList<>();
                for (int i = 0; i < CATEGORIES.length; i++) {
                    if (i != category) {
                        others.addAll(words(locale, CATEGORIES[i]));
                    }
                }
                List<String> shown = new ArrayList<>(pick(others, 3, random));
                shown.add(random.nextInt(shown.size() + 1), answer);
                yield question("oddone." + CATEGORIES[category], answer, locale, String.join(", ", shown));
            }
            case DAY_AFTER -> {
                List<String> days = words(locale, "days");
                int day = random.nextInt(days.size());
                yield question("dayafter", days.get((day + 1) % days.size()), locale, days.get(day));
            }
            case LETTERS -> {
                String word = pick(all(locale), 1, random).get(0);
                yield question("letters", Integer.toString(word.codePointCount(0, word.length())), locale, word);
            }
            case FIRST_LETTER -> {
                String word = pick(all(locale), 1, random).get(0);
                yield question("firstletter", word.substring(0, word.offsetByCodePoints(0, 1)), locale, word);
            }
        };
    }

    /**
     * The form an answer is compared in: trimmed, lower case, without accents or inner spaces, and a number written
     * in words (up to twenty, in either language) as its digits.
     */
    String fold(String typed, Locale locale) {
        String folded = Normalizer.normalize(typed.strip().toLowerCase(Locale.ROOT), Normalizer.Form.NFD)
                .replaceAll("\\p{M}+", "").replaceAll("[\\s.]+", "");
        for (Locale language : List.of(Locale.ENGLISH, Locale.FRENCH)) {
            List<String> numbers = words(language, "numbers");
            for (int n = 0; n < numbers.size(); n++) {
                String word = Normalizer.normalize(numbers.get(n), Normalizer.Form.NFD).replaceAll("\\p{M}+", "")
                        .replaceAll("[\\s-]+", "");
                if (folded.replace("-", "").equals(word)) {
                    return Integer.toString(n);
                }
            }
        }
        return folded;
    }

    private Question question(String key, String answer, Locale locale, Object... arguments) {
        return new Question(messages.getMessage("reset.captcha.q." + key, arguments, locale), fold(answer, locale));
    }

    /** A number as digits or in words, at random: both are answered the same way. */
    private String number(int n, RandomGenerator random, Locale locale) {
        List<String> words = words(locale, "numbers");
        return n < words.size() && random.nextBoolean() ? words.get(n) : Integer.toString(n);
    }

    private List<String> all(Locale locale) {
        List<String> all = new ArrayList<>();
        for (String category : CATEGORIES) {
            all.addAll(words(locale, category));
        }
        return all;
    }

    private List<String> words(Locale locale, String list) {
        return Arrays.stream(messages.getMessage("reset.captcha.words." + list, null, locale).split(","))
                .map(String::strip).filter(w -> !w.isEmpty()).toList();
    }

    private static List<String> pick(List<String> from, int count, RandomGenerator random) {
        List<String> copy = new ArrayList<>(from);
        List<String> picked = new ArrayList<>();
        while (picked.size() < count && !copy.isEmpty()) {
            picked.add(copy.remove(random.nextInt(copy.size())));
        }
        return picked;
    }
}
