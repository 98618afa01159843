package io.verrou.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import io.verrou.MutableClock;
import io.verrou.Page;
import io.verrou.TestAccounts;
import io.verrou.TestBrowser;
import io.verrou.TestRegistrations;
import io.verrou.TestRegistrations.Registered;
import io.verrou.TestSupportConfiguration;
import io.verrou.tenant.Tenant;
import io.verrou.user.Role;
import io.verrou.user.User;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * Under more load than it can take, Verrou answers at once (SPEC S14): on a pool of 2 connections and room for one
 * hash at a time, every sign-in either completes or gets the 503 page quickly; none is a 500, none waits long; a
 * pool that runs dry gives the same page; no request ever needs two connections at once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "verrou.db-pool-size=2",
        "spring.datasource.hikari.connection-timeout=400",
        "verrou.hash-concurrency=1",
        "verrou.hash-queue-timeout=200ms"})
@ActiveProfiles("test")
@Import(TestSupportConfiguration.class)
class CapacityTests {

    private static final Duration QUEUE_TIMEOUT = Duration.ofMillis(200);
    private static final String BUSY = "Many people are signing in right now. Try again in a few seconds.";

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;
    @Autowired
    DataSource dataSource;
    @Autowired
    MutableClock clock;

    /** What one person's sign-in came to, and how long its password step took. */
    private record Attempt(Page page, Duration took) {
    }

    @Test
    void thirtyTwoSignInsAtOnceEachCompleteOrGetTheBusyPageFast() throws Exception {
        Tenant tenant = accounts.newTenant();
        List<User> people = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            people.add(accounts.newUser(tenant, "rush" + i, Role.USER));
        }
        List<TestBrowser> browsers = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            TestBrowser browser = new TestBrowser(port);
            browser.get("/signin");
            browser.post("/signin", "email", people.get(i % people.size()).email());
            browser.get("/signin/password");
            browsers.add(browser);
        }

        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<Future<Attempt>> attempts = new ArrayList<>();
        for (TestBrowser browser : browsers) {
            Callable<Attempt> attempt = () -> {
                start.await();
                long began = System.nanoTime();
                Page page = browser.post("/signin/password", "password", TestAccounts.PASSWORD);
                return new Attempt(page, Duration.ofNanos(System.nanoTime() - began));
            };
            attempts.add(pool.submit(attempt));
        }
        start.countDown();
        int signedIn = 0;
        int busy = 0;
        for (Future<Attempt> future : attempts) {
            Attempt attempt = future.get();
            Page page = attempt.page();
            assertThat(attempt.took()).as("no wait beyond the queue").isLessThan(QUEUE_TIMEOUT.plusSeconds(1));
            if (page.status() == 302) {
                assertThat(page.location()).endsWith("/account");
                signedIn++;
            } else {
                assertThat(page.status()).as("a completed sign-in or the busy page, never a 500").isEqualTo(503);
                assertThat(page.header("Retry-After")).hasValueSatisfying(s -> assertThat(Integer.parseInt(s)).isPositive());
                assertThat(page.body()).contains(BUSY);
                assertThat(page.h1()).as("the password page again, with the email kept").isEqualTo("Enter password");
                busy++;
            }
        }
        pool.shutdown();
        assertThat(signedIn).as("the people it can serve get in").isPositive();
        // 32 hashes of ~20 ms each, one at a time, can't all start within 200 ms.
        assertThat(busy).as("the others are told at once").isPositive();
        assertThat(signedIn + busy).isEqualTo(32);
    }

    @Test
    void aPoolThatRunsDryGivesTheBusyPageInsteadOfAnError() throws Exception {
        User user = accounts.newUser();
        TestBrowser browser = new TestBrowser(port);
        Page landed = browser.signIn(user.email(), TestAccounts.PASSWORD);
        assertThat(landed.location()).endsWith("/account");
        TestBrowser stranger = new TestBrowser(port);
        stranger.get("/signin");
        stranger.post("/signin", "email", user.email());

        try (Connection first = dataSource.getConnection(); Connection second = dataSource.getConnection()) {
            // The session is read before any page: the filter answers.
            Page account = browser.get("/account");
            assertThat(account.status()).isEqualTo(503);
            assertThat(account.header("Retry-After")).isPresent();
            assertThat(account.body()).contains(BUSY).contains(">Try again<").doesNotContain("Exception");

            // The password page itself: the page's own answer.
            Page password = stranger.post("/signin/password", "password", TestAccounts.PASSWORD);
            assertThat(password.status()).isEqualTo(503);
            assertThat(password.body()).contains(BUSY).doesNotContain("Exception");

            // An API answers in JSON.
            Page api = browser.getJson("/api/v1/users");
            assertThat(api.status()).isEqualTo(503);
            assertThat(api.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("application/json"));
            assertThat(api.body()).contains("\"error\":\"busy\"");
        }

        assertThat(browser.get("/account").status()).as("back to normal once connections are free").isEqualTo(200);
    }

    @Test
    void theWizardAndATwoStepSignInNeverNeedTwoConnectionsAtOnce() throws Exception {
        User user = accounts.newUser(accounts.newTenantWithDefaultPolicy(), "single", Role.USER);
        try (Connection held = dataSource.getConnection()) {
            // One connection of two is taken: any request that needed two at once would wait, then fail.
            TestRegistrations registrations = new TestRegistrations(port, clock);
            Registered person = registrations.register(user);
            TestBrowser browser = registrations.signedIn(person);
            assertThat(browser.get("/account/security-info").status()).isEqualTo(200);
            assertThat(new TestBrowser(port).signIn(user.email(), "wrong-password").status()).isEqualTo(200);
            assertThat(held.isValid(1)).isTrue();
        }
    }
}
