package io.verrou.delivery;

/**
 * How a recipient may appear in a log: a phone number's last two digits at most, an email address's first
 * character and domain.
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

    /**
     * {@code alice@example.org} → {@code a•••@example.org}: enough to tell two deliveries apart in a log, not
     * enough to write to the person. Anything that isn't {@code local@domain} → {@code •••}.
     */
    public static String maskedAddress(String address) {
        int at = address == null ? -1 : address.lastIndexOf('@');
        if (at < 1 || at == address.length() - 1) {
            return "•••";
        }
        return address.charAt(0) + "•••" + address.substring(at);
    }
}
