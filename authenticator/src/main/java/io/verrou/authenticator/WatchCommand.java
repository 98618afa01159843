package io.verrou.authenticator;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code watch}: waits for sign-in requests with the server's long poll and prints each new one (doc section 3).
 *
 * <p>The server answers as soon as a request is pending, and keeps answering with it until it is answered or
 * expires. So an answer that brings nothing new and comes back early is followed by a short pause instead of the
 * next poll at once: otherwise a request left pending would turn the long poll into a busy loop.
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = {
            "Waits for sign-in requests and prints each new one: app, browser, IP address, time, kind and id.",
            "Runs until interrupted (Ctrl+C), or until the first requests arrive with --once."})
final class WatchCommand implements Callable<Integer> {

    /** The wait between two polls when the previous answer came back early with nothing new. */
    static final Duration REPOLL_PAUSE = Duration.ofSeconds(2);

    private final VerrouAuthenticator root;

    @Spec
    private CommandSpec spec;

    @Mixin
    private AccountOption account = new AccountOption();

    @Option(names = "--once", description = "Exit after the first answer that holds requests.")
    private boolean once;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long the server holds each poll, 1 to 60 (default: ${DEFAULT-VALUE}).")
    private int waitSeconds;

    /**
     * Creates the command.
     *
     * @param root the top-level command, which knows the home directory and the environment
     */
    WatchCommand(VerrouAuthenticator root) {
        this.root = Objects.requireNonNull(root, "root");
    }

    /**
     * Polls until interrupted, or until the first non-empty answer with {@code --once}.
     *
     * @return {@link ExitCodes#OK}
     */
    @Override
    public Integer call() {
        if (waitSeconds < AuthenticatorApi.MIN_WAIT_SECONDS || waitSeconds > AuthenticatorApi.MAX_WAIT_SECONDS) {
            throw new ParameterException(spec.commandLine(), "--wait must be between 1 and 60 seconds.");
        }
        Account selected = root.stateStore().load().select(account.value());
        AuthenticatorApi api = root.api();
        Clock clock = root.environment().clock();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        err.println("Waiting for sign-in requests for " + Display.safe(selected.label()) + " on "
                + selected.server() + (once ? "..." : " (Ctrl+C to stop)..."));
        err.flush();
        Duration early = Duration.ofSeconds(waitSeconds).dividedBy(2);
        Set<String> shown = Set.of();
        try {
            while (true) {
                Instant asked = clock.instant();
                List<PendingRequest> requests = api.pending(selected, waitSeconds);
                Set<String> alreadyShown = shown;
                List<PendingRequest> fresh = requests.stream()
                        .filter(request -> !alreadyShown.contains(request.id()))
                        .toList();
                for (PendingRequest request : fresh) {
                    out.println(Display.request(request, clock.getZone()));
                }
                out.flush();
                if (!fresh.isEmpty()) {
                    err.println("Answer with: approve --number NN --request ID, or deny [--report] --request ID");
                    err.flush();
                }
                if (once && !requests.isEmpty()) {
                    return ExitCodes.OK;
                }
                // Only what is still pending: a request that left the list never comes back, so the set stays small.
                shown = requests.stream().map(PendingRequest::id).collect(Collectors.toUnmodifiableSet());
                if (fresh.isEmpty() && Duration.between(asked, clock.instant()).compareTo(early) < 0) {
                    root.environment().pause().pause(REPOLL_PAUSE);
                }
            }
        } catch (InterruptedException e) {
            // Being interrupted is how watch is meant to end.
            Thread.currentThread().interrupt();
            return ExitCodes.OK;
        }
    }
}
