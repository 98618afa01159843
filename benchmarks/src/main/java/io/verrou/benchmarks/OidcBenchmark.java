package io.verrou.benchmarks;

import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.verrou.VerrouApplication;
import io.verrou.audit.ClientInfo;
import io.verrou.oidc.AppRegistrations;
import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.tenant.Tenant;
import io.verrou.user.Role;
import io.verrou.user.User;
import io.verrou.user.UserAccounts;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Apps signing people in, against the real jar in its own process: in one run, at 4 clients, the plain sign-in (the
 * four requests of Sign in), the full authorization-code sign-in of an app (authorize, the same sign-in, authorize
 * again, the code exchanged for tokens with PKCE), and refresh-token grants; each as requests per second and per
 * server CPU-second.
 */
public final class OidcBenchmark {

    private static final String PASSWORD = "Benchmark-pass-2026";
    private static final String DOMAIN = "load-oidc.example";
    private static final String REDIRECT = "https://app.example/callback";
    private static final int PEOPLE = 64;
    private static final int CLIENTS = 4;
    private static final Duration WARM_UP = Duration.ofSeconds(5);
    private static final Duration MEASURED = Duration.ofSeconds(20);
    private static final Pattern REFRESH = Pattern.compile("\"refresh_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final SecureRandom RANDOM = new SecureRandom();

    private OidcBenchmark() {
    }

    private interface Step {
        /** One sign-in or grant by client {@code client}; whether it went as it should. */
        boolean run(int client, int index) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(System.getProperty("verrou.jar", "server/target/verrou-server-exec.jar")).toAbsolutePath();
        Path work = Files.createTempDirectory("verrou-oidc-benchmark");
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        String masterKey = Base64.getEncoder().encodeToString(key);
        System.out.printf("OpenID Connect: %d cores, %s%n", Runtime.getRuntime().availableProcessors(), Instant.now());
        String clientId = seed(work, masterKey);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process server = SignInLoadBenchmark.start(jar, System.getProperty("verrou.java-opts", ""), work, masterKey, port);
        try {
            SignInLoadBenchmark.awaitHealthy(port, server);
            String issuer = "http://localhost:" + port + "/t/" + DOMAIN;
            HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                    .version(HttpClient.Version.HTTP_1_1).build();
            String[] refreshTokens = new String[CLIENTS];

            Step plainSignIn = (client, index) -> signIn(new LightBrowser(http, port), index).statusCode() == 302;
            // A first round warms the server's JIT, so that what comes first is not measured cold.
            measure(server.pid(), plainSignIn);
            double[] plain = measure(server.pid(), plainSignIn);
            double[] code = measure(server.pid(), (client, index) -> {
                String token = codeFlow(http, port, issuer, clientId, index);
                refreshTokens[client] = token;
                return token != null;
            });
            double[] refresh = measure(server.pid(), (client, index) -> {
                String next = refresh(http, issuer, clientId, refreshTokens[client]);
                if (next != null) {
                    refreshTokens[client] = next;
                }
                return next != null;
            });
            System.out.println();
            System.out.println("| at 4 clients | per second | server CPU ms each | per server CPU-second | errors |");
            System.out.println("|---|---|---|---|---|");
            row("plain sign-in (password)", plain);
            row("authorization-code sign-in (password, code, tokens)", code);
            row("refresh-token grant", refresh);
            System.out.printf("%nThe app's sign-in costs %.2f × the plain sign-in in server CPU.%n", code[1] / plain[1]);
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    private static void row(String what, double[] result) {
        System.out.printf("| %s | %.1f | %.2f | %.1f | %.0f |%n", what, result[0], result[1], 1000 / result[1], result[2]);
    }

    /** Per second, server CPU milliseconds each, errors. */
    private static double[] measure(long pid, Step step) throws Exception {
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger next = new AtomicInteger();
        long measureFrom = System.nanoTime() + WARM_UP.toNanos();
        long end = measureFrom + MEASURED.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        CountDownLatch done = new CountDownLatch(CLIENTS);
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            pool.submit(() -> {
                try {
                    while (System.nanoTime() < end) {
                        boolean counted = System.nanoTime() >= measureFrom;
                        boolean went;
                        try {
                            went = step.run(client, next.getAndIncrement());
                        } catch (Exception e) {
                            went = false;
                        }
                        if (counted) {
                            (went ? ok : errors).incrementAndGet();
                        }
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        Thread.sleep(Math.max(0, (measureFrom - System.nanoTime()) / 1_000_000));
        long cpuAtStart = SignInLoadBenchmark.cpuTicks(pid);
        long since = System.nanoTime();
        done.await();
        pool.shutdown();
        double seconds = (System.nanoTime() - since) / 1e9;
        double cpuMillis = (SignInLoadBenchmark.cpuTicks(pid) - cpuAtStart) * 1000.0 / SignInLoadBenchmark.CLOCK_TICKS;
        return new double[] {ok.get() / seconds, ok.get() == 0 ? 0 : cpuMillis / ok.get(), errors.get()};
    }

    private static HttpResponse<String> signIn(LightBrowser browser, int index) {
        browser.get("/signin");
        browser.post("/signin", "email", "person" + (index % PEOPLE) + "@" + DOMAIN);
        browser.get("/signin/password");
        return browser.post("/signin/password", "password", PASSWORD);
    }

    /** The whole sign-in of an app in a new browser; its refresh token, or null when a step went wrong. */
    private static String codeFlow(HttpClient http, int port, String issuer, String clientId, int index) throws Exception {
        String base = "http://localhost:" + port;
        String verifier = random();
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String authorize = issuer.substring(base.length()) + "/oauth2/authorize?response_type=code&client_id=" + clientId
                + "&redirect_uri=" + enc(REDIRECT) + "&scope=openid%20profile%20email&state=" + random()
                + "&code_challenge=" + challenge + "&code_challenge_method=S256";
        LightBrowser browser = new LightBrowser(http, port);
        if (browser.get(authorize).statusCode() != 302) {
            return null;
        }
        HttpResponse<String> signedIn = signIn(browser, index);
        String back = signedIn.headers().firstValue("Location").orElse("");
        if (!back.startsWith(base)) {
            return null;
        }
        String toApp = browser.get(back.substring(base.length())).headers().firstValue("Location").orElse("");
        Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(toApp);
        if (!toApp.startsWith(REDIRECT) || !code.find()) {
            return null;
        }
        return token(http, issuer, "grant_type=authorization_code&code=" + code.group(1) + "&redirect_uri=" + enc(REDIRECT)
                + "&code_verifier=" + verifier + "&client_id=" + clientId);
    }

    private static String refresh(HttpClient http, String issuer, String clientId, String refreshToken) throws Exception {
        return refreshToken == null ? null
                : token(http, issuer, "grant_type=refresh_token&refresh_token=" + enc(refreshToken) + "&client_id=" + clientId);
    }

    private static String token(HttpClient http, String issuer, String form) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher refresh = REFRESH.matcher(response.body());
        return response.statusCode() == 200 && refresh.find() ? refresh.group(1) : null;
    }

    /** A tenant whose people sign in with a password alone, and a public app registered there. */
    private static String seed(Path work, String masterKey) {
        ConfigurableApplicationContext verrou = new SpringApplicationBuilder(VerrouApplication.class)
                .run("--server.port=0", "--verrou.data-dir=" + work, "--verrou.master-key=" + masterKey,
                        "--verrou.demo=false", "--logging.file.name=", "--logging.level.root=WARN",
                        "--spring.main.banner-mode=off");
        try {
            JdbcTenantRepository tenants = verrou.getBean(JdbcTenantRepository.class);
            UserAccounts accounts = verrou.getBean(UserAccounts.class);
            String hash = verrou.getBean(PasswordEncoder.class).encode(PASSWORD);
            Tenant tenant = tenants.create("Load OIDC", List.of(DOMAIN));
            tenants.updateRegistration(tenant.id(), false, 0, 0);
            for (int i = 0; i < PEOPLE; i++) {
                accounts.createHashed(tenant, "person" + i + "@" + DOMAIN, "Person " + i, Role.USER, hash);
            }
            User admin = accounts.createHashed(tenant, "admin@" + DOMAIN, "Admin", Role.ADMIN, hash);
            AppRegistrations.Result result = verrou.getBean(AppRegistrations.class).register(admin,
                    new AppRegistrations.Form("Load app", true, REDIRECT, "", false, ""), ClientInfo.system());
            return ((AppRegistrations.Result.Registered) result).app().clientId();
        } finally {
            verrou.close();
        }
    }

    private static String random() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
