package io.verrou.authenticator;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The Verrou Authenticator on the command line (SPEC S10): the companion app that "plays the phone". It activates
 * accounts, shows their codes, waits for sign-in requests and answers them, through the device API of
 * {@code docs/authenticator-api.md}.
 *
 * <p>This is the top-level command and the program's entry point; each subcommand is a class of its own.
 */
@Command(name = "verrou-authenticator",
        mixinStandardHelpOptions = true,
        versionProvider = VerrouAuthenticator.Version.class,
        subcommands = CommandLine.HelpCommand.class,
        description = {
            "The Verrou Authenticator on the command line: it plays the phone.",
            "Activate an account with the QR code of the Security info page, then approve sign-ins"
                    + " and show codes."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:Success.",
            "1:The server refused (wrong number, expired code, request no longer pending, bad signature...).",
            "2:Usage error, unreadable input, or the server could not be reached or used."})
public final class VerrouAuthenticator implements Callable<Integer> {

    /** The environment variable that names the app's directory when {@code --home} is not given. */
    static final String HOME_VARIABLE = "VERROU_AUTHENTICATOR_HOME";

    /** The app's directory under the person's home when neither {@code --home} nor the variable is given. */
    static final String DEFAULT_HOME = ".verrou-authenticator";

    private final CliEnvironment environment;

    @Spec
    private CommandSpec spec;

    // Inherited, so that it may come before or after the subcommand name.
    @Option(names = "--home", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "The app's directory, which holds state.json. Default: $" + HOME_VARIABLE
                    + ", else " + DEFAULT_HOME + " in your home directory.")
    private Optional<Path> home = Optional.empty();

    private VerrouAuthenticator(CliEnvironment environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    /**
     * Runs the program and exits with its exit code.
     *
     * @param args the command-line arguments
     */
    public static void main(String[] args) {
        System.exit(commandLine(CliEnvironment.system()).execute(args));
    }

    /**
     * Runs the program in this process, for programs that drive the app (the benchmarks), with their own
     * output.
     *
     * @param out  where the app writes what it says
     * @param err  where it writes its errors
     * @param args the command-line arguments
     * @return the exit code
     */
    public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine commandLine = commandLine(CliEnvironment.system());
        commandLine.setOut(out);
        commandLine.setErr(err);
        return commandLine.execute(args);
    }

    /**
     * Builds the command line with its subcommands and error handling; tests call it with their own environment.
     *
     * @param environment the clock, randomness, HTTP client, variables and home directory to use
     * @return the command line, ready to {@link CommandLine#execute(String...)}
     */
    static CommandLine commandLine(CliEnvironment environment) {
        VerrouAuthenticator root = new VerrouAuthenticator(environment);
        CommandLine commandLine = new CommandLine(root)
                .addSubcommand(new ActivateCommand(root))
                .addSubcommand(new AccountsCommand(root))
                .addSubcommand(new CodeCommand(root))
                .addSubcommand(new WatchCommand(root))
                .addSubcommand(new ApproveCommand(root))
                .addSubcommand(new DenyCommand(root));
        // Set after the subcommands are added: picocli applies these settings to the subcommands it has.
        commandLine.setExecutionExceptionHandler(VerrouAuthenticator::handleFailure);
        commandLine.setParameterExceptionHandler(VerrouAuthenticator::handleUsageError);
        return commandLine;
    }

    /**
     * Without a subcommand there is nothing to do: shows the usage.
     *
     * @return {@link ExitCodes#FAILED}
     */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.FAILED;
    }

    /**
     * Returns the environment the commands run in.
     *
     * @return the environment
     */
    CliEnvironment environment() {
        return environment;
    }

    /**
     * Returns the app's directory: {@code --home}, else {@code $VERROU_AUTHENTICATOR_HOME}, else
     * {@code ~/.verrou-authenticator}.
     *
     * @return the directory
     */
    Path home() {
        return home
                .or(() -> Optional.ofNullable(environment.variables().get(HOME_VARIABLE))
                        .filter(value -> !value.isBlank())
                        .map(Path::of))
                .orElseGet(() -> environment.userHome().resolve(DEFAULT_HOME));
    }

    /**
     * Returns the store of the state file in {@link #home()}.
     *
     * @return the store
     */
    StateStore stateStore() {
        return new StateStore(home());
    }

    /**
     * Returns a device API client that signs with the environment's clock and randomness.
     *
     * @return the client
     */
    AuthenticatorApi api() {
        return new AuthenticatorApi(environment.http(), new RequestSigner(environment.clock(), environment.random()));
    }

    private static int handleFailure(Exception failure, CommandLine command, CommandLine.ParseResult parseResult) {
        PrintWriter err = command.getErr();
        if (failure instanceof AuthenticatorException expected) {
            err.println(expected.getMessage());
            err.flush();
            return expected.exitCode();
        }
        // A bug, not an outcome: still one line, as promised to the person, but with enough to report it.
        err.println("Unexpected error: " + failure);
        err.flush();
        return ExitCodes.FAILED;
    }

    private static int handleUsageError(CommandLine.ParameterException failure, String[] args) {
        CommandLine command = failure.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(failure.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(failure, err);
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help'.");
        err.flush();
        return ExitCodes.FAILED;
    }

    /** Shows the version from the jar's manifest. */
    static final class Version implements IVersionProvider {

        /**
         * Returns the program version and the device API version it speaks.
         *
         * @return two lines
         */
        @Override
        public String[] getVersion() {
            String version = Optional.ofNullable(VerrouAuthenticator.class.getPackage().getImplementationVersion())
                    .orElse("(development build)");
            return new String[] {"verrou-authenticator " + version, "Verrou Authenticator device API version 1"};
        }
    }
}
