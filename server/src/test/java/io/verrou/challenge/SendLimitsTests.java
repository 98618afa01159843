package io.verrou.challenge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.verrou.MutableClock;
import io.verrou.SwitchableSmsSender;
import io.verrou.TestAccounts;
import io.verrou.TestRegistrations;
import io.verrou.VerrouTest;
import io.verrou.audit.ClientInfo;
import io.verrou.challenge.ChallengeService.SendResult;
import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.tenant.Tenant;
import io.verrou.throttle.TooManyRequestsException;
import io.verrou.user.Role;
import io.verrou.user.User;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Send limits hold under concurrency (SPEC S5): the limit check and the stored challenge are one atomic step before
 * the provider is called, so requests fired at once never exceed the per-person, per-number and daily caps.
 */
@VerrouTest
class SendLimitsTests {

    @Autowired
    ChallengeService challenges;
    @Autowired
    TestAccounts accounts;
    @Autowired
    JdbcTenantRepository tenants;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;
    @Autowired
    SwitchableSmsSender sms;
    @Autowired
    PlatformTransactionManager transactions;

    @AfterEach
    void deliveriesWork() {
        sms.failing(false);
    }

    private static ClientInfo from(String address) {
        return new ClientInfo(address, "Firefox on Linux");
    }

    /** Runs every task at the same moment and returns what each one got. */
    private static List<SendResult> atOnce(List<Callable<SendResult>> tasks) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(tasks.size());
        List<Future<SendResult>> futures = new ArrayList<>();
        for (Callable<SendResult> task : tasks) {
            futures.add(threads.submit(() -> {
                start.await();
                return task.call();
            }));
        }
        start.countDown();
        List<SendResult> results = new ArrayList<>();
        for (Future<SendResult> future : futures) {
            results.add(future.get());
        }
        threads.shutdown();
        return results;
    }

    private static long sent(List<SendResult> results) {
        return results.stream().filter(r -> r instanceof SendResult.Sent).count();
    }

    @Test
    void tenTextsAskedAtOnceForOnePersonSendOne() throws Exception {
        User alice = accounts.newUser();
        String phone = TestRegistrations.uniqueMobile();
        List<Callable<SendResult>> tasks = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            tasks.add(() -> challenges.send(alice, phone, Channel.SMS, "signin", Locale.ENGLISH, from("203.0.113.1")));
        }

        List<SendResult> results = atOnce(tasks);

        assertThat(sent(results)).as("30 s between two texts").isEqualTo(1);
        assertThat(results).filteredOn(r -> r instanceof SendResult.Throttled).hasSize(9);
    }

    @Test
    void tenPeopleTextingOneNumberAtOnceSendFiveInTheHour() throws Exception {
        Tenant tenant = accounts.newTenant();
        String phone = TestRegistrations.uniqueMobile();
        List<Callable<SendResult>> tasks = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            User person = accounts.newUser(tenant, "p" + i, Role.USER);
            tasks.add(() -> challenges.send(person, phone, Channel.SMS, "signin", Locale.ENGLISH, from("203.0.113.2")));
        }

        assertThat(sent(atOnce(tasks))).as("5 per number per hour").isEqualTo(5);
    }

    @Test
    void theOrganisationsDailyCapHoldsWhenManyAskAtOnce() throws Exception {
        Tenant tenant = accounts.newTenant();
        tenants.updateDailyCaps(tenant.id(), 3, 3);
        List<Callable<SendResult>> tasks = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            User person = accounts.newUser(tenant, "q" + i, Role.USER);
            String phone = TestRegistrations.uniqueMobile();
            tasks.add(() -> challenges.send(person, phone, Channel.SMS, "signin", Locale.ENGLISH, from("203.0.113.3")));
        }

        List<SendResult> results = atOnce(tasks);

        assertThat(sent(results)).isEqualTo(3);
        assertThat(results).filteredOn(r -> r instanceof SendResult.Throttled throttled
                && throttled.messageKey().equals("challenge.limit.tenant")).hasSize(7);
    }

    @Test
    void anAddressOfTwoHundredAndFiftyFourCharactersIsSentAndCounted() {
        User alice = accounts.newUser();
        String local = "a".repeat(64);
        String address = local + "@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(53) + ".example";
        assertThat(address).hasSize(254);

        SendResult result = challenges.send(alice, address, Channel.EMAIL, "registration", Locale.ENGLISH, from("203.0.113.4"));

        assertThat(result).isInstanceOf(SendResult.Sent.class);
        UUID id = ((SendResult.Sent) result).challengeId();
        assertThat(jdbc.sql("SELECT target FROM challenge WHERE id = :id").param("id", id).query(String.class).single())
                .isEqualTo(address);
    }

    @Test
    void aProviderFailureMarksTheChallengeFailedAndCountsTowardNoLimit() {
        User alice = accounts.newUser();
        String phone = TestRegistrations.uniqueMobile();
        sms.failing(true);

        SendResult failed = challenges.send(alice, phone, Channel.SMS, "signin", Locale.ENGLISH, from("203.0.113.5"));

        assertThat(failed).isInstanceOf(SendResult.Failed.class);
        assertThat(jdbc.sql("SELECT state FROM challenge WHERE user_id = :id").param("id", alice.id()).query(String.class).list())
                .containsExactly("FAILED");
        sms.failing(false);
        assertThat(challenges.send(alice, phone, Channel.SMS, "signin", Locale.ENGLISH, from("203.0.113.5")))
                .as("no 30 s wait after a failure").isInstanceOf(SendResult.Sent.class);
    }

    @Test
    void noProviderIsCalledInsideATransaction() {
        User alice = accounts.newUser();
        TransactionTemplate transaction = new TransactionTemplate(transactions);

        assertThatThrownBy(() -> transaction.executeWithoutResult(status ->
                challenges.send(alice, TestRegistrations.uniqueMobile(), Channel.SMS, "signin", Locale.ENGLISH,
                        from("203.0.113.6")))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void oneAddressSendsAHundredCodesInFifteenMinutesThenIsToldToWait() {
        Tenant tenant = accounts.newTenant();
        String address = "203.0.113.77";
        for (int i = 0; i < 100; i++) {
            User person = accounts.newUser(tenant, "r" + i, Role.USER);
            assertThat(challenges.send(person, person.email(), Channel.EMAIL, "registration", Locale.ENGLISH, from(address)))
                    .isInstanceOf(SendResult.Sent.class);
        }
        User one = accounts.newUser(tenant, "r100", Role.USER);

        assertThatThrownBy(() -> challenges.send(one, one.email(), Channel.EMAIL, "registration", Locale.ENGLISH, from(address)))
                .isInstanceOfSatisfying(TooManyRequestsException.class,
                        e -> assertThat(e.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(15)));
        assertThat(challenges.send(one, one.email(), Channel.EMAIL, "registration", Locale.ENGLISH, from("203.0.113.78")))
                .as("another address").isInstanceOf(SendResult.Sent.class);
        clock.advance(Duration.ofMinutes(15));
        User later = accounts.newUser(tenant, "r101", Role.USER);
        assertThat(challenges.send(later, later.email(), Channel.EMAIL, "registration", Locale.ENGLISH, from(address)))
                .as("a new window").isInstanceOf(SendResult.Sent.class);
    }
}
