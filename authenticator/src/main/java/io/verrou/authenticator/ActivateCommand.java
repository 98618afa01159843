package io.verrou.authenticator;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code activate}: adds an account from the activation QR code, or from the code and URL typed by hand (doc
 * section 1). A new P-256 key pair is made for each account; only its public half leaves the machine.
 */
@Command(name = "activate",
        mixinStandardHelpOptions = true,
        description = {
            "Adds an account: Security info > Add sign-in method > Verrou Authenticator shows a QR code, and"
                    + " under \"Can't scan image?\" the activation code and server URL.",
            "Give the QR image with --qr, or the two values with --code and --url."})
final class ActivateCommand implements Callable<Integer> {

    /** The device name sent when {@code --name} is not given. */
    static final String DEFAULT_DEVICE_NAME = "Verrou Authenticator (command line)";

    private final VerrouAuthenticator root;

    @Spec
    private CommandSpec spec;

    @Option(names = "--qr", paramLabel = "FILE.png",
            description = "An image of the QR code (a screenshot of the page will do).")
    private Optional<Path> qr = Optional.empty();

    @Option(names = "--code", paramLabel = "CODE",
            description = "The activation code; spaces, hyphens and case are ignored.")
    private Optional<String> code = Optional.empty();

    @Option(names = "--url", paramLabel = "URL", description = "The server URL shown under \"Can't scan image?\".")
    private Optional<String> url = Optional.empty();

    @Option(names = "--name", paramLabel = "NAME", defaultValue = DEFAULT_DEVICE_NAME,
            description = "The name Security info shows for this device, at most 64 characters"
                    + " (default: ${DEFAULT-VALUE}).")
    private String deviceName;

    /**
     * Creates the command.
     *
     * @param root the top-level command, which knows the home directory and the environment
     */
    ActivateCommand(VerrouAuthenticator root) {
        this.root = Objects.requireNonNull(root, "root");
    }

    /**
     * Activates the account and stores it.
     *
     * @return {@link ExitCodes#OK}
     * @throws InterruptedException if interrupted while waiting for the server
     */
    @Override
    public Integer call() throws InterruptedException {
        String name = deviceName.strip();
        if (name.isEmpty() || name.length() > AuthenticatorApi.MAX_DEVICE_NAME_LENGTH
                || name.codePoints().anyMatch(Character::isISOControl)) {
            throw new ParameterException(spec.commandLine(),
                    "--name must be 1 to 64 characters, without control characters.");
        }
        ActivationUri target = target();
        StateStore store = root.stateStore();
        // Both before the server is asked: the code works once, so a state file that cannot be read or written
        // must show up before it is spent.
        AuthenticatorState state = store.load();
        store.prepare();

        KeyPair keys = new DeviceKeys(root.environment().random()).generate();
        Activation activation = root.api().activate(target.server(), target.code(), keys.getPublic(), name);
        Account account = new Account(target.server().value(), activation.deviceId(), activation.issuer(),
                activation.name(), activation.totp(), DeviceKeys.encodePrivateKey(keys.getPrivate()));
        boolean replacing = state.hasSameAccountAs(account);
        store.save(state.withAccount(account));

        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        out.println("Activated " + Display.safe(account.name()) + " (" + Display.safe(account.issuer()) + ") on "
                + account.server());
        if (replacing) {
            err.println("This replaces the earlier activation of the same account in " + store.file() + ".");
        }
        if (target.server().isPlainHttpToAnotherHost()) {
            err.println("Warning: " + account.server() + " is plain http, so the code secret travelled unencrypted;"
                    + " use https outside a test setup.");
        }
        out.flush();
        err.flush();
        return ExitCodes.OK;
    }

    private ActivationUri target() {
        if (qr.isPresent()) {
            if (code.isPresent() || url.isPresent()) {
                throw new ParameterException(spec.commandLine(),
                        "Give either --qr, or --code with --url, not both.");
            }
            return ActivationUri.parse(QrCodes.decode(qr.get()));
        }
        if (code.isEmpty() || url.isEmpty()) {
            throw new ParameterException(spec.commandLine(),
                    "Give --qr FILE.png, or both --code CODE and --url URL.");
        }
        return new ActivationUri(ServerUrl.parse(url.get()), ActivationCode.parse(code.get()));
    }
}
