package io.verrou.method.email;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.verrou.user.SignInName;

/**
 * The rules for an email address registered as a reset method (SPEC S4.4): a real address, and not one
 * in the person's own organisation's domains — a reset must not depend on the mailbox it would unlock.
 */
final class EmailAddresses {

    private EmailAddresses() {
    }

    /** The normalised address, or the message key saying why it can't be used. */
    static Result check(String typed, List<String> tenantDomains) {
        if (typed == null || typed.isBlank()) {
            return new Result(Optional.empty(), "emailmethod.required");
        }
        Optional<String> address = SignInName.parse(typed);
        if (address.isEmpty()) {
            return new Result(Optional.empty(), "emailmethod.invalid");
        }
        String domain = address.get().substring(address.get().indexOf('@') + 1).toLowerCase(Locale.ROOT);
        boolean own = tenantDomains.stream().anyMatch(d -> domain.equals(d) || domain.endsWith("." + d));
        return own ? new Result(Optional.empty(), "emailmethod.ownDomain") : new Result(address, "");
    }

    /** An address with most of its name hidden: {@code a•••@example.org}. */
    static String masked(String address) {
        int at = address.indexOf('@');
        return at <= 0 ? address : address.charAt(0) + "•••" + address.substring(at);
    }

    record Result(Optional<String> address, String messageKey) {
    }
}
