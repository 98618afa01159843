package io.verrou.delivery;

/**
 * How a phone number may appear in a log: its last two digits at most.
 */
public final class Recipients {

    private Recipients() {
    }

    /** {@code +33612345678} → {@code ••78}; anything shorter than three characters → {@code ••}. */
    public static String masked(String number) {
        if (number == null || number.length() < 3) {
            return "••";
        }
        return "••" + number.substring(number.length() - 2);
    }
}
