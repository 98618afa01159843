package io.verrou.authenticator;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code accounts} (alias {@code list}, the name SPEC S10 uses): lists the activated accounts.
 */
@Command(name = "accounts", aliases = "list", mixinStandardHelpOptions = true,
        description = "Lists the accounts: issuer, name, server and device id.")
final class AccountsCommand implements Callable<Integer> {

    private static final List<String> HEADINGS = List.of("ISSUER", "NAME", "SERVER", "DEVICE ID");

    private final VerrouAuthenticator root;

    @Spec
    private CommandSpec spec;

    /**
     * Creates the command.
     *
     * @param root the top-level command, which knows the home directory
     */
    AccountsCommand(VerrouAuthenticator root) {
        this.root = Objects.requireNonNull(root, "root");
    }

    /**
     * Prints one line per account under a heading.
     *
     * @return {@link ExitCodes#OK}
     */
    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Account> accounts = root.stateStore().load().accounts();
        if (accounts.isEmpty()) {
            out.println("No account yet. Add one with: activate --qr FILE.png (or --code CODE --url URL).");
            out.flush();
            return ExitCodes.OK;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADINGS);
        for (Account account : accounts) {
            rows.add(List.of(Display.safe(account.issuer()), Display.safe(account.name()), account.server(),
                    Display.safe(account.deviceId())));
        }
        int[] widths = new int[HEADINGS.size()];
        for (List<String> row : rows) {
            for (int column = 0; column < widths.length; column++) {
                widths[column] = Math.max(widths[column], row.get(column).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int column = 0; column < widths.length; column++) {
                String cell = row.get(column);
                line.append(cell);
                if (column < widths.length - 1) {
                    line.append(" ".repeat(widths[column] - cell.length() + 2));
                }
            }
            out.println(line);
        }
        out.flush();
        return ExitCodes.OK;
    }
}
