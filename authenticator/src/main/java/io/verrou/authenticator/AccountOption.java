package io.verrou.authenticator;

import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The {@code --account} option of the commands that act for one account.
 */
final class AccountOption {

    @Option(names = "--account", paramLabel = "NAME",
            description = "The account, by name or ISSUER:NAME; optional when there is only one.")
    private Optional<String> account = Optional.empty();

    /**
     * Returns what the person chose.
     *
     * @return the name or {@code issuer:name}, if given
     */
    Optional<String> value() {
        return account;
    }
}
