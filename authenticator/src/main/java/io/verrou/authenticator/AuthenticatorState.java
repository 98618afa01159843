package io.verrou.authenticator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Everything the app keeps: the content of {@code state.json}.
 *
 * @param version  the format version, {@link #CURRENT_VERSION}
 * @param accounts the activated accounts, in activation order
 */
record AuthenticatorState(int version, List<Account> accounts) {

    /** The format this program reads and writes. */
    static final int CURRENT_VERSION = 1;

    /**
     * Copies the list, so that the state cannot change behind the store's back.
     *
     * @param version  the format version
     * @param accounts the accounts
     */
    AuthenticatorState {
        accounts = List.copyOf(accounts);
    }

    /**
     * Returns the state of a new installation.
     *
     * @return a state without accounts
     */
    static AuthenticatorState empty() {
        return new AuthenticatorState(CURRENT_VERSION, List.of());
    }

    /**
     * Adds an account, replacing an earlier activation of the same account on the same server (activating again
     * is what a person does after removing the app from Security info, and two entries would make
     * {@code --account} ambiguous).
     *
     * @param account the new account
     * @return the new state
     */
    AuthenticatorState withAccount(Account account) {
        List<Account> updated = new ArrayList<>();
        for (Account existing : accounts) {
            if (!existing.isSameAccountAs(account)) {
                updated.add(existing);
            }
        }
        updated.add(account);
        return new AuthenticatorState(CURRENT_VERSION, updated);
    }

    /**
     * Tells whether an activation would replace an existing account.
     *
     * @param account the new account
     * @return true if an account with the same server, issuer and name exists
     */
    boolean hasSameAccountAs(Account account) {
        return accounts.stream().anyMatch(existing -> existing.isSameAccountAs(account));
    }

    /**
     * Chooses the account a command acts for.
     *
     * @param selector the {@code --account} value: a name or {@code issuer:name}, any letter case; optional when
     *                 there is one account
     * @return the account
     * @throws AuthenticatorException (exit 2) if there is no account, or the selector matches none or several
     */
    Account select(Optional<String> selector) {
        if (accounts.isEmpty()) {
            throw AuthenticatorException.failed("No account yet: add one with 'activate --qr FILE.png'"
                    + " or 'activate --code CODE --url URL'.");
        }
        if (selector.isEmpty()) {
            if (accounts.size() == 1) {
                return accounts.get(0);
            }
            throw AuthenticatorException.failed(
                    "There are several accounts: choose one with --account (" + labels(accounts) + ").");
        }
        String wanted = selector.get().strip();
        List<Account> matches = accounts.stream()
                .filter(a -> a.name().equalsIgnoreCase(wanted) || a.label().equalsIgnoreCase(wanted))
                .toList();
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.isEmpty()) {
            throw AuthenticatorException.failed("No account named '" + Display.safe(wanted) + "' (accounts: "
                    + labels(accounts) + ").");
        }
        throw AuthenticatorException.failed("Several accounts are named '" + Display.safe(wanted)
                + "': use --account ISSUER:NAME (" + labels(matches) + ").");
    }

    private static String labels(List<Account> accounts) {
        return accounts.stream().map(a -> Display.safe(a.label())).collect(Collectors.joining(", "));
    }
}
