package io.verrou.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.verrou.VerrouApplication;
import io.verrou.audit.ClientInfo;
import io.verrou.crypto.Argon2idPasswordEncoder;
import io.verrou.method.totp.PendingTotp;
import io.verrou.method.totp.TotpMethods;
import io.verrou.otp.Base32;
import io.verrou.otp.OtpParameters;
import io.verrou.otp.Totp;
import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.tenant.Tenant;
import io.verrou.user.Role;
import io.verrou.user.User;
import io.verrou.user.UserAccounts;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Sign-ins under load, against the real jar in a process of its own (SPEC S14). The people it needs are made first,
 * through Verrou's own services on the same data folder; then the server starts as {@code ./verrou run} starts it
 * (same JVM options), and closed-loop clients do what a browser does: GET Sign in, POST the name, GET Enter
 * password, POST the password; told to try again (503), a client waits the {@code Retry-After} the page gives, as a
 * person does. It reports, per concurrency level, throughput, latencies of accepted sign-ins and of
 * 503 answers, errors, the server's CPU per sign-in against the bare hash rate measured in the same run, and the
 * server's memory; then the first minute after start against the steady state, and what a TOTP second factor adds.
 * It measures; it asserts nothing.
 */
public final class SignInLoadBenchmark {

    private static final String PASSWORD = "Benchmark-pass-2026";
    private static final String DOMAIN = "load.example";
    private static final String TOTP_DOMAIN = "load-totp.example";
    private static final int PEOPLE = 64;
    /** Enough that nobody needs a code from a step that is not accepted yet: a step is 30 s. */
    private static final int TOTP_PEOPLE = 1500;
    private static final int[] LEVELS = {1, 4, 16, 64};
    private static final Duration FIRST_MINUTE = Duration.ofSeconds(60);
    private static final Duration WARM_UP = Duration.ofSeconds(5);
    private static final Duration MEASURED = Duration.ofSeconds(20);
    private static final Duration HASH_RUN = Duration.ofSeconds(10);
    private static final Totp TOTP = new Totp(OtpParameters.defaults());

    private SignInLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(System.getProperty("verrou.jar", "server/target/verrou-server-exec.jar")).toAbsolutePath();
        String javaOptions = System.getProperty("verrou.java-opts", "");
        int cores = Runtime.getRuntime().availableProcessors();
        Path work = Files.createTempDirectory("verrou-signin-benchmark");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String masterKey = Base64.getEncoder().encodeToString(key);

        System.out.printf("Sign-in load: %s, %d cores, %s%n", System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                cores, Instant.now());
        System.out.println("Making the people it needs…");
        List<TotpPerson> totpPeople = seed(work, masterKey);

        Hashes bare = bareHashRate(cores);
        System.out.printf("Bare Argon2id (%s, m=19456 t=2 p=1) on %d threads: %.1f hashes/s, %.1f hashes per CPU-second%n",
                bare.implementation(), cores, bare.perSecond(), bare.perCpuSecond());

        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process server = start(jar, javaOptions, work, masterKey, port);
        try {
            Instant started = Instant.now();
            awaitHealthy(port, server);
            System.out.printf("Started in %.1f s; RSS idle after start %s%n",
                    Duration.between(started, Instant.now()).toMillis() / 1000.0, mib(rss(server.pid())));

            Level firstMinute = run(port, server.pid(), 4, Duration.ZERO, FIRST_MINUTE, false, List.of());
            List<Level> levels = new ArrayList<>();
            for (int clients : LEVELS) {
                levels.add(run(port, server.pid(), clients, WARM_UP, MEASURED, false, List.of()));
            }
            Level withTotp = run(port, server.pid(), 4, WARM_UP, MEASURED, true, totpPeople);

            System.out.println();
            System.out.println("| clients | sign-ins/s | p50 ms | p99 ms | 503s | 503 p99 ms | other errors | server CPU ms/sign-in | ratio to bare hash | RSS MiB |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|");
            for (Level level : levels) {
                print(level, bare);
            }
            Level steadyFour = levels.get(1);
            System.out.printf("%nFirst 60 s after start (4 clients): %.1f sign-ins/s = %.2f × the steady state at 4 clients (%.1f/s)%n",
                    firstMinute.perSecond(), firstMinute.perSecond() / steadyFour.perSecond(), steadyFour.perSecond());
            System.out.printf("With a TOTP second factor (4 clients): %.1f sign-ins/s, server CPU %.2f ms/sign-in (+%.1f %% over the password alone), "
                            + "TOTP step p50 %.1f ms p99 %.1f ms, %d errors%n",
                    withTotp.perSecond(), withTotp.cpuMillisPerSignIn(),
                    100.0 * (withTotp.cpuMillisPerSignIn() / steadyFour.cpuMillisPerSignIn() - 1),
                    withTotp.secondStep().percentile(50), withTotp.secondStep().percentile(99), withTotp.errors());
            System.out.printf("RSS at the end %s, peak %s%n", mib(rss(server.pid())), mib(peakRss(server.pid())));
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    /** The real jar in a process of its own, with the JVM options given, on a fresh data folder. */
    static Process start(Path jar, String javaOptions, Path work, String masterKey, int port) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String option : javaOptions.trim().split("\\s+")) {
            if (!option.isEmpty()) {
                command.add(option);
            }
        }
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("server.out").toFile());
        builder.environment().putAll(Map.of(
                "VERROU_DATA_DIR", work.toString(),
                "VERROU_MASTER_KEY", masterKey,
                "VERROU_DEMO", "false",
                "SERVER_PORT", Integer.toString(port)));
        System.out.println("Server: java " + String.join(" ", command.subList(1, command.size())));
        return builder.start();
    }

    /** Someone with an authenticator app, and the last time step whose code they used. */
    private record TotpPerson(String email, byte[] secret, AtomicLong lastStep) {

        /** The earliest step still accepted now (the current one or either neighbour) that is later than the last. */
        long nextStep(long current) {
            return lastStep.updateAndGet(last -> Math.max(last + 1, current - 1));
        }
    }

    /**
     * Makes the people on the data folder with Verrou's own services, before the server starts: a tenant whose people
     * sign in with a password alone, and one whose people have an authenticator app (TOTP).
     */
    private static List<TotpPerson> seed(Path work, String masterKey) {
        // Arguments, not default properties: they must win over application.properties and the environment.
        ConfigurableApplicationContext verrou = new SpringApplicationBuilder(VerrouApplication.class)
                .run("--server.port=0", "--verrou.data-dir=" + work, "--verrou.master-key=" + masterKey,
                        "--verrou.demo=false", "--logging.file.name=", "--logging.level.root=WARN",
                        "--spring.main.banner-mode=off");
        try {
            JdbcTenantRepository tenants = verrou.getBean(JdbcTenantRepository.class);
            UserAccounts accounts = verrou.getBean(UserAccounts.class);
            TotpMethods totp = verrou.getBean(TotpMethods.class);
            // One hash for everyone: seeding measures nothing, and each sign-in still checks its own.
            String hash = verrou.getBean(PasswordEncoder.class).encode(PASSWORD);
            Tenant plain = tenants.create("Load", List.of(DOMAIN));
            tenants.updateRegistration(plain.id(), false, 0, 0);
            for (int i = 0; i < PEOPLE; i++) {
                accounts.createHashed(plain, "person" + i + "@" + DOMAIN, "Person " + i, Role.USER, hash);
            }
            Tenant withApp = tenants.create("Load TOTP", List.of(TOTP_DOMAIN));
            tenants.updateRegistration(withApp.id(), false, 0, 0);
            List<TotpPerson> people = new ArrayList<>();
            for (int i = 0; i < TOTP_PEOPLE; i++) {
                User user = accounts.createHashed(withApp, "person" + i + "@" + TOTP_DOMAIN, "Person " + i, Role.USER, hash);
                PendingTotp pending = totp.begin();
                byte[] secret = Base32.decode(totp.typedSecret(pending).replace(" ", ""));
                // Set up with the previous step's code, so that every code of the run is still unused.
                Instant previous = Instant.now().minusSeconds(30);
                totp.complete(user, pending, TOTP.generate(secret, previous), ClientInfo.system()).orElseThrow();
                people.add(new TotpPerson(user.email(), secret, new AtomicLong(previous.getEpochSecond() / 30)));
            }
            return people;
        } finally {
            verrou.close();
        }
    }

    /** Hashes per second, and per CPU-second, of the implementation and parameters the server uses. */
    private record Hashes(String implementation, double perSecond, double perCpuSecond) {
    }

    private static Hashes bareHashRate(int threads) throws Exception {
        Argon2idPasswordEncoder encoder = Argon2idPasswordEncoder.preferNative(Argon2idPasswordEncoder.Argon2Parameters.OWASP,
                new SecureRandom());
        String stored = encoder.encode(PASSWORD);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        AtomicLong cpuNanos = new AtomicLong();
        AtomicInteger hashes = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(threads);
        long end = System.nanoTime() + HASH_RUN.toNanos();
        long began = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> {
                long before = cpu.getCurrentThreadCpuTime();
                while (System.nanoTime() < end) {
                    encoder.matches(PASSWORD, stored);
                    hashes.incrementAndGet();
                }
                cpuNanos.addAndGet(cpu.getCurrentThreadCpuTime() - before);
                done.countDown();
            });
            thread.start();
        }
        done.await();
        double seconds = (System.nanoTime() - began) / 1e9;
        return new Hashes(encoder.implementationName(), hashes.get() / seconds, hashes.get() / (cpuNanos.get() / 1e9));
    }

    /**
     * One person's browser for one sign-in: its own cookies and the CSRF token of the last form, over a client
     * shared by all, so that the load driver spends little of the machine it shares with the server.
     */
    /** Latencies in nanoseconds, for percentiles. */
    private static final class Latencies {
        private final ConcurrentLinkedQueue<Long> nanos = new ConcurrentLinkedQueue<>();

        void add(long value) {
            nanos.add(value);
        }

        int count() {
            return nanos.size();
        }

        double percentile(int p) {
            List<Long> sorted = new ArrayList<>(nanos);
            if (sorted.isEmpty()) {
                return 0;
            }
            Collections.sort(sorted);
            int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
            return sorted.get(Math.max(0, index)) / 1e6;
        }
    }

    private record Level(int clients, double seconds, Latencies accepted, Latencies busy, Latencies secondStep, int errors,
            double cpuSeconds, long rssBytes) {

        double perSecond() {
            return accepted.count() / seconds;
        }

        double cpuMillisPerSignIn() {
            return accepted.count() == 0 ? 0 : cpuSeconds * 1000 / accepted.count();
        }
    }

    /**
     * {@code clients} closed-loop clients for the warm-up, then for the measured time: each sign-in is a new browser.
     * The password step's answer counts: a redirect is an accepted sign-in, a 503 a fast refusal, anything else an
     * error.
     */
    private static Level run(int port, long pid, int clients, Duration warmUp, Duration measured, boolean withTotp,
            List<TotpPerson> totpPeople) throws Exception {
        Latencies accepted = new Latencies();
        Latencies busy = new Latencies();
        Latencies secondStep = new Latencies();
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger nextPerson = new AtomicInteger();
        long measureFrom = System.nanoTime() + warmUp.toNanos();
        long end = measureFrom + measured.toNanos();
        long[] cpuAtStart = {-1};
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch done = new CountDownLatch(clients);
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build();
        for (int c = 0; c < clients; c++) {
            pool.submit(() -> {
                try {
                    while (System.nanoTime() < end) {
                        boolean counted = System.nanoTime() >= measureFrom;
                        int index = nextPerson.getAndIncrement();
                        String email = withTotp ? totpPeople.get(index % totpPeople.size()).email()
                                : "person" + (index % PEOPLE) + "@" + DOMAIN;
                        LightBrowser browser = new LightBrowser(client, port);
                        try {
                            browser.get("/signin");
                            browser.post("/signin", "email", email);
                            browser.get("/signin/password");
                            long began = System.nanoTime();
                            HttpResponse<String> answer = browser.post("/signin/password", "password", PASSWORD);
                            long took = System.nanoTime() - began;
                            int status = answer.statusCode();
                            boolean ok = status == 302;
                            if (ok && withTotp) {
                                TotpPerson person = totpPeople.get(index % totpPeople.size());
                                browser.get("/signin/verify");
                                // A code is accepted once: the next time step this person has not used yet.
                                long step = person.nextStep(Instant.now().getEpochSecond() / 30);
                                String code = TOTP.generate(person.secret(), Instant.ofEpochSecond(step * 30));
                                long second = System.nanoTime();
                                HttpResponse<String> verified = browser.post("/signin/verify", "code", code);
                                long secondTook = System.nanoTime() - second;
                                ok = verified.statusCode() == 302
                                        && verified.headers().firstValue("Location").orElse("").contains("/account");
                                if (counted && ok) {
                                    secondStep.add(secondTook);
                                }
                            }
                            if (status == 503) {
                                // As a person told "try again in a few seconds" does: wait, then try again.
                                long retry = answer.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L);
                                Thread.sleep(Math.min(retry, 5) * 1000);
                            }
                            if (!counted) {
                                continue;
                            }
                            if (ok) {
                                accepted.add(took);
                            } else if (status == 503) {
                                busy.add(took);
                            } else {
                                errors.incrementAndGet();
                                sampleError("status " + status + " " + answer.headers().firstValue("Location").orElse(""));
                            }
                        } catch (RuntimeException e) {
                            if (counted) {
                                errors.incrementAndGet();
                                sampleError(e.toString());
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        long wait = measureFrom - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000);
        }
        cpuAtStart[0] = cpuTicks(pid);
        long measuringSince = System.nanoTime();
        done.await();
        double seconds = (System.nanoTime() - measuringSince) / 1e9;
        double cpuSeconds = (cpuTicks(pid) - cpuAtStart[0]) / (double) CLOCK_TICKS;
        pool.shutdown();
        return new Level(clients, seconds, accepted, busy, secondStep, errors.get(), cpuSeconds, rss(pid));
    }

    private static final AtomicInteger SAMPLED = new AtomicInteger();

    /** The first few errors, so that a run that goes wrong says why. */
    private static void sampleError(String what) {
        if (SAMPLED.getAndIncrement() < 5) {
            System.out.println("error: " + what);
        }
    }

    private static void print(Level level, Hashes bare) {
        double signInsPerCpuSecond = level.cpuSeconds() == 0 ? 0 : level.accepted().count() / level.cpuSeconds();
        System.out.printf("| %d | %.1f | %.0f | %.0f | %d | %.0f | %d | %.1f | %.2f | %.0f |%n",
                level.clients(), level.perSecond(), level.accepted().percentile(50), level.accepted().percentile(99),
                level.busy().count(), level.busy().percentile(99), level.errors(), level.cpuMillisPerSignIn(),
                signInsPerCpuSecond / bare.perCpuSecond(), level.rssBytes() / 1048576.0);
    }

    /** The usual USER_HZ of Linux: /proc times are in these. */
    static final long CLOCK_TICKS = 100;

    /** User and system CPU time of the process, in clock ticks, from /proc. */
    static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    static long rss(long pid) throws IOException {
        return statusKiB(pid, "VmRSS:") * 1024;
    }

    private static long peakRss(long pid) throws IOException {
        return statusKiB(pid, "VmHWM:") * 1024;
    }

    private static long statusKiB(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
            }
        }
        return 0;
    }

    static String mib(long bytes) {
        return String.format("%.0f MiB", bytes / 1048576.0);
    }

    static void awaitHealthy(int port, Process server) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("The server stopped while starting; see its output");
            }
            try {
                HttpResponse<String> health = client.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("The server did not start within 2 minutes");
    }
}
