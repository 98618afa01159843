package io.verrou.benchmarks;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.verrou.VerrouApplication;
import io.verrou.authenticator.VerrouAuthenticator;
import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.tenant.Tenant;
import io.verrou.user.Role;
import io.verrou.user.User;
import io.verrou.user.UserAccounts;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * How long a sign-in takes to continue once the person approves the request in the Verrou Authenticator:
 * from the app's {@code approve} to the browser being on My account, on loopback. It starts Verrou in this
 * process (embedded H2), registers people through the wizard with the real companion app, then measures
 * each approval. It prints p50 and p99; it asserts nothing.
 */
public final class ApproveLatencyBenchmark {

    private static final String PASSWORD = "Benchmark-pass-2026";
    private static final Pattern ACTIVATION_CODE = Pattern.compile("id=\"activation-code\">([A-Z2-7 ]+)<");
    private static final Pattern NUMBER = Pattern.compile("class=\"push-number\"[^>]*>.*?</span><span>(\\d+)</span>", Pattern.DOTALL);
    /** Pushes a person may get in 15 minutes (SPEC S5), the test request of the wizard included. */
    private static final int PUSHES_PER_PERSON = 5;
    private static final int WARM_UP = 20;

    private ApproveLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int approvals = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Path work = Files.createTempDirectory("verrou-benchmark");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        // Arguments, not default properties: they must win over application.properties and the environment.
        ConfigurableApplicationContext verrou = new SpringApplicationBuilder(VerrouApplication.class)
                .run("--server.port=0", "--spring.datasource.url=jdbc:h2:mem:benchmark;DB_CLOSE_DELAY=-1",
                        "--verrou.data-dir=" + work, "--verrou.master-key=" + Base64.getEncoder().encodeToString(key),
                        "--logging.file.name=", "--logging.level.root=WARN", "--spring.main.banner-mode=off");
        try {
            int port = verrou.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            List<Person> people = people(verrou, port, work, approvals + WARM_UP);
            List<Long> nanos = new ArrayList<>();
            for (int i = 0; i < approvals + WARM_UP; i++) {
                Person person = people.get(i / (PUSHES_PER_PERSON - 1));
                long elapsed = approveOnce(port, person);
                if (i >= WARM_UP) {
                    nanos.add(elapsed);
                }
            }
            report(nanos);
        } finally {
            verrou.close();
        }
    }

    /** One sign-in: the page shows the number, the app approves it, the browser goes on to My account. */
    private static long approveOnce(int port, Person person) throws Exception {
        Browser browser = new Browser(port);
        String number = number(browser.signIn(person.email(), PASSWORD).body());
        // What the page's script does: ask where the request stands, and be answered when the app answers.
        CompletableFuture<?> waiting = browser.getJsonLater("/signin/verify/status?wait=25");
        long start = System.nanoTime();
        int exit = app(person.home(), "approve", "--number", number);
        waiting.get(30, TimeUnit.SECONDS);
        String landed = browser.get("/signin/verify/check").headers().firstValue("Location").orElse("");
        long elapsed = System.nanoTime() - start;
        if (exit != 0 || !landed.contains("/account")) {
            throw new IllegalStateException("The approval did not sign in (exit " + exit + ", went to " + landed + ")");
        }
        browser.post("/signout");
        return elapsed;
    }

    /** Enough people, each registered with the Verrou Authenticator through the wizard, for every approval. */
    private static List<Person> people(ConfigurableApplicationContext verrou, int port, Path work, int signIns)
            throws Exception {
        JdbcTenantRepository tenants = verrou.getBean(JdbcTenantRepository.class);
        UserAccounts accounts = verrou.getBean(UserAccounts.class);
        Tenant tenant = tenants.create("Benchmark", List.of("benchmark.example"));
        tenants.updateRequirements(tenant.id(), List.of("authenticator"), 1);
        int count = (signIns + PUSHES_PER_PERSON - 2) / (PUSHES_PER_PERSON - 1);
        List<Person> people = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            User user = accounts.create(tenant, "person" + i + "@benchmark.example", "Person " + i, Role.USER, PASSWORD);
            Person person = new Person(user.email(), Files.createDirectories(work.resolve("app-" + i)));
            register(port, person);
            people.add(person);
        }
        return people;
    }

    private static void register(int port, Person person) {
        Browser browser = new Browser(port);
        browser.signIn(person.email(), PASSWORD);
        browser.post("/register/start");
        Matcher code = ACTIVATION_CODE.matcher(browser.get("/register/authenticator/scan").body());
        if (!code.find()) {
            throw new IllegalStateException("No activation code on the page");
        }
        if (app(person.home(), "activate", "--code", code.group(1), "--url", browser.base()) != 0) {
            throw new IllegalStateException("Activation refused");
        }
        browser.post("/register/authenticator/scan");
        app(person.home(), "approve", "--number", number(browser.get("/register/authenticator/test").body()));
        browser.follow(browser.get("/register/authenticator/test"));
        browser.post("/register/done");
        browser.post("/signout");
    }

    /** The real companion app, run in this process so that no JVM start is measured; its output is dropped. */
    private static int app(Path home, String... arguments) {
        List<String> all = new ArrayList<>(List.of("--home", home.toString()));
        all.addAll(List.of(arguments));
        PrintWriter quiet = new PrintWriter(Writer.nullWriter());
        return VerrouAuthenticator.run(quiet, quiet, all.toArray(String[]::new));
    }

    private static String number(String page) {
        Matcher m = NUMBER.matcher(page);
        if (!m.find()) {
            throw new IllegalStateException("The page shows no number");
        }
        return m.group(1);
    }

    private static void report(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        double mean = sorted.stream().mapToLong(Long::longValue).average().orElse(0) / 1e6;
        System.out.printf("Approve → sign-in continues, %d approvals on loopback (after %d to warm up)%n", sorted.size(), WARM_UP);
        System.out.printf("p50 %.1f ms   p99 %.1f ms   max %.1f ms   mean %.1f ms%n",
                percentile(sorted, 50), percentile(sorted, 99), sorted.get(sorted.size() - 1) / 1e6, mean);
    }

    private static double percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)) / 1e6;
    }

    private record Person(String email, Path home) {
    }
}
