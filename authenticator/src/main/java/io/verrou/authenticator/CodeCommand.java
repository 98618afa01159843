package io.verrou.authenticator;

import io.verrou.otp.Totp;
import java.io.PrintWriter;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code code}: prints the account's current TOTP code (doc section 4), computed offline like any authenticator app.
 */
@Command(name = "code", mixinStandardHelpOptions = true,
        description = "Prints the current 6-digit code of an account, for \"Enter code\" on the sign-in page.")
final class CodeCommand implements Callable<Integer> {

    private final VerrouAuthenticator root;

    @Spec
    private CommandSpec spec;

    @Mixin
    private AccountOption account = new AccountOption();

    /**
     * Creates the command.
     *
     * @param root the top-level command, which knows the home directory and the clock
     */
    CodeCommand(VerrouAuthenticator root) {
        this.root = Objects.requireNonNull(root, "root");
    }

    /**
     * Prints the code alone on its line, so that scripts can read it.
     *
     * @return {@link ExitCodes#OK}
     */
    @Override
    public Integer call() {
        TotpSettings totp = root.stateStore().load().select(account.value()).totp();
        String code = new Totp(totp.parameters()).generate(totp.secretBytes(), root.environment().clock().instant());
        PrintWriter out = spec.commandLine().getOut();
        out.println(code);
        out.flush();
        return ExitCodes.OK;
    }
}
