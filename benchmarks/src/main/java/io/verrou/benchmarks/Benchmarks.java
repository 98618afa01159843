package io.verrou.benchmarks;

import java.util.Arrays;

/**
 * {@code ./verrou benchmark [N]}: approve → sign-in continues over N approvals; {@code ./verrou benchmark signin}:
 * sign-ins under load against the real jar.
 */
public final class Benchmarks {

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("oidc")) {
            OidcBenchmark.main(Arrays.copyOfRange(args, 1, args.length));
        } else if (args.length > 0 && args[0].equals("signin")) {
            SignInLoadBenchmark.main(Arrays.copyOfRange(args, 1, args.length));
        } else {
            ApproveLatencyBenchmark.main(args);
        }
    }
}
