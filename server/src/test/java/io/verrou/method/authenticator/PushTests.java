package io.verrou.method.authenticator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.verrou.MutableClock;
import io.verrou.TestAccounts;
import io.verrou.Timestamps;
import io.verrou.VerrouTest;
import io.verrou.audit.AuditEventType;
import io.verrou.audit.ClientInfo;
import io.verrou.audit.JdbcAuditLog;
import io.verrou.method.authenticator.PushRequests.PushRequest;
import io.verrou.method.authenticator.PushRequests.PushResult;
import io.verrou.method.authenticator.PushRequests.PushState;
import io.verrou.user.User;

import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Pushes with number matching: made by the sign-in page, waited for and answered by the app (doc §3). */
@VerrouTest
class PushTests {

    private static final ClientInfo BROWSER = new ClientInfo("192.0.2.7",
            "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0");

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;
    @Autowired
    AuthenticatorActivations activations;
    @Autowired
    PushRequests pushes;
    @Autowired
    PushWaiters waiters;
    @Autowired
    RecordedPushAnswers answers;
    @Autowired
    JdbcAuditLog audit;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;

    @Test
    void aPushHasATwoDigitNumberAndExpiresAfter60Seconds() {
        User user = accounts.newUser();
        TestDevice phone = activatedDevice(user);

        PushRequest push = created(user, phone, "signin");

        assertThat(Integer.parseInt(push.number())).isBetween(10, 99);
        assertThat(push.state()).isEqualTo(PushState.PENDING);
        assertThat(push.expiresAt()).isEqualTo(push.createdAt().plusSeconds(60));
        assertThat(push.browser()).isEqualTo("Firefox on Linux");
        assertThat(push.ip()).isEqualTo("192.0.2.7");
        assertThat(push.toString()).doesNotContain("number=");
        assertThat(pushes.find(push.id(), user.id())).get().extracting(PushRequest::state).isEqualTo(PushState.PENDING);
        assertThat(pushes.find(push.id(), accounts.newUser().id())).as("another person's").isEmpty();
        assertThat(audit.forUser(user.id(), 3)).anyMatch(e -> e.event().type() == AuditEventType.PUSH_SENT);

        clock.advance(Duration.ofSeconds(60));

        assertThat(pushes.find(push.id(), user.id())).get().extracting(PushRequest::state).isEqualTo(PushState.EXPIRED);
    }

    @Test
    void numbersAreDrawnFromTenToNinetyNine() {
        User user = accounts.newUser();
        TestDevice phone = activatedDevice(user);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            seen.add(created(user, phone, "signin").number());
            clock.advance(Duration.ofMinutes(4));
        }
        assertThat(seen).allSatisfy(n -> assertThat(n).matches("[1-9][0-9]"));
    }

    @Test
    void aSecondPushIsRefusedWhileOneIsPending() {
        User user = accounts.newUser();
        TestDevice phone = activatedDevice(user);
        created(user, phone, "signin");

        assertThat(pushes.create(user, phone.id(), "signin", BROWSER)).isEqualTo(new PushResult.Refused("push.pending"));
        assertThat(pushes.create(user, phone.id(), "registration", BROWSER))
                .isEqualTo(new PushResult.Refused("push.pending"));

        clock.advance(Duration.ofSeconds(60));

        assertThat(pushes.create(user, phone.id(), "signin", BROWSER)).isInstanceOf(PushResult.Created.class);
    }

    @Test
    void anAnsweredPushNoLongerBlocksTheNext() {
        User user = accounts.newUser();
        TestDevice phone = activatedDevice(user);
        PushRequest push = created(user, phone, "signin");
        assertThat(phone.deny(push.id(), false).statusCode()).isEqualTo(200);

        assertThat(pushes.create(user, phone.id(), "signin", BROWSER)).isInstanceOf(PushResult.Created.class);
    }

    @Test
    void atMostFivePushesIn15Minutes() {
        User user = accounts.newUser();
        TestDevice phone = activatedDevice(user);
        for (int i = 0; i < 5; i++) {
            created(user, phone, "signin");
            clock.advance(Duration.ofSeconds(61));
        }

        assertThat(pushes.create(user, phone.id(), "signin", BROWSER)).isEqualTo(new PushResult.Refused("push.limit"));
        assertThat(audit.forUser(user.id(), 3)).anySatisfy(e -> {
            assertThat(e.event().type()).isEqualTo(AuditEventType.THROTTLED);
            assertThat(e.event().reason()).contains("push_limit");
        });

        clock.advance(Duration.ofMinutes(15).minusSeconds(5 * 61));

        assertThat(pushes.create(user, phone.id(), "signin", BROWSER)).isInstanceOf(PushResult.Created.class);
    }

    @Test
    void aPushGoesOnlyToAnActivatedDeviceOfThePerson() {
        User user = accounts.newUser();
        User other = accounts.newUser();
        TestDevice othersPhone = activatedDevice(other);
        AuthenticatorActivations.Activation notActivated = activations.begin(user);

        assertThat(pushes.create(user, othersPhone.id(), "signin", BROWSER))
                .isEqualTo(new PushResult.Refused("push.nodevice"));
        assertThat(pushes.create(user, notActivated.deviceId(), "signin", BROWSER))
                .isEqualTo(new PushResult.Refused("push.nodevice"));
        assertThat(pushes.create(user, UUID.randomUUID(), "signin", BROWSER))
                .isEqualTo(new PushResult.Refused("push.nodevice"));
        assertThatThrownBy(() -> pushes.create(other, othersPhone.id(), "payment", BROWSER))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPendingPushIsListedAtOnceWithoutItsNumber() {
        User user = accounts.newUser();
        TestDevice phone = activatedDevice(user);
        PushRequest push = created(user, phone, "registration");

        HttpResponse<String> response = phone.pending(30);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
        JsonNode requests = TestDevice.json(response).get("requests");
        assertThat(requests.size()).isEqualTo(1);
        JsonNode listed = requests.get(0);
        assertThat(listed.get("id").stringValue()).isEqualTo(push.id().toString());
        assertThat(listed.get("kind").stringValue()).isEqualTo("registration");
        assertThat(listed.get("app").stringValue()).isEqualTo("Verrou");
        assertThat(listed.get("browser").stringValue()).isEqualTo("Firefox on Linux");
        assertThat(listed.get("ip").stringValue()).isEqualTo("192.0.2.7");
        assertThat(listed.get("createdAt").longValue()).isEqualTo(push.createdAt().getEpochSecond());
        assertThat(listed.get("expiresAt").longValue()).isEqualTo(push.expiresAt().getEpochSecond());
        assertThat(listed.has("number")).isFalse();
        assertThat(response.body()).doesNotContain("\"" + push.number() + "\"");
    }

    @Test
    void aLongPollAnswersAsSoonAsAPushIsMade() throws Exception {
        User user = accounts.newUser();
        TestDevice phone = activatedDevice(user);
        CompletableFuture<HttpResponse<String>> poll = phone.pendingAsync(30);
        awaitWaiting(phone.id());

        PushRequest push = CompletableFuture.supplyAsync(() -> created(user, phone, "signin")).get(10, TimeUnit.SECONDS);

        HttpResponse<String> response = poll.get(10, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
        assertThat(TestDevice.json(response).get("requests").get(0).get("id").stringValue())
                .isEqualTo(push.id().toString());
        assertThat(waiters.waitingFor(phone.id())).isZero();
    }

    @Test
    void aLongPollFindsAPushMadeOnAnotherNode() throws Exception {
        User user = accounts.newUser();
        TestDevice phone = activatedDevice(user);
        CompletableFuture<HttpResponse<String>> poll = phone.pendingAsync(30);
        awaitWaiting(phone.id());
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();

        // Another node writes the row; nothing on this node is told.
        jdbc.sql("""
                INSERT INTO push_request (id, user_id, device_id, kind, number, state, ip, user_agent, created_at, expires_at)
                VALUES (:id, :userId, :deviceId, 'signin', '42', 'PENDING', '198.51.100.1', 'curl/8', :now, :expires)""")
                .param("id", id).param("userId", user.id()).param("deviceId", phone.id())
                .param("now", Timestamps.toColumn(now)).param("expires", Timestamps.toColumn(now.plusSeconds(60)))
                .update();

        HttpResponse<String> response = poll.get(10, TimeUnit.SECONDS);
        assertThat(TestDevice.json(response).get("requests").get(0).get("id").stringValue()).isEqualTo(id.toString());
    }

    @Test
    void aLongPollAnswersAnEmptyListWhenTheWaitIsOver() throws Exception {
        User user = accounts.newUser();
        TestDevice phone = activatedDevice(user);

        HttpResponse<String> response = phone.pendingAsync(1).get(10, TimeUnit.SECONDS);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
        assertThat(response.body()).isEqualTo("{\"requests\":[]}");
        assertThat(response.headers().firstValue("Set-Cookie")).as("no session for a device").isEmpty();
        assertThat(waiters.waitingFor(phone.id())).isZero();
    }

    @Test
    void aWaitOfZeroLooksWithoutWaitingAndAWaitThatIsNotANumberIsRefused() throws Exception {
        User user = accounts.newUser();
        TestDevice phone = activatedDevice(user);

        assertThat(phone.pendingAsync(0).get(10, TimeUnit.SECONDS).body()).isEqualTo("{\"requests\":[]}");
        PushRequest push = created(user, phone, "signin");
        assertThat(TestDevice.json(phone.pending(0)).get("requests").get(0).get("id").stringValue())
                .isEqualTo(push.id().toString());
        HttpResponse<String> refused = phone.request("GET", TestDevice.API + "/requests/pending?wait=soon").send();
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).isEqualTo("{\"error\":\"invalid_request\"}");
    }

    @Test
    void anotherDevicesPushIsNotListed() throws Exception {
        User user = accounts.newUser();
        TestDevice phone = activatedDevice(user);
        TestDevice otherPhone = activatedDevice(accounts.newUser());
        created(user, phone, "signin");

        assertThat(otherPhone.pending(1).body()).isEqualTo("{\"requests\":[]}");
    }

    @Test
    void theRightNumberApproves() {
        User user = accounts.newUser();
        TestDevice phone = activatedDevice(user);
        PushRequest push = created(user, phone, "signin");

        HttpResponse<String> response = phone.approve(push.id(), push.number());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"result\":\"approved\"}");
        assertThat(pushes.find(push.id(), user.id()).orElseThrow().state()).isEqualTo(PushState.APPROVED);
        assertThat(answers.stateOf(push.id())).isEqualTo(PushState.APPROVED);
        assertThat(audit.forUser(user.id(), 3)).anyMatch(e -> e.event().type() == AuditEventType.PUSH_APPROVED);
        assertThat(phone.approve(push.id(), push.number()).statusCode()).as("once").isEqualTo(409);
    }

    @Test
    void aWrongNumberRefusesThePushForGood() {
        User user = accounts.newUser();
        TestDevice phone = activatedDevice(user);
        PushRequest push = created(user, phone, "signin");
        String wrong = push.number().equals("42") ? "43" : "42";

        HttpResponse<String> response = phone.approve(push.id(), wrong);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"result\":\"wrong_number\"}");
        assertThat(pushes.find(push.id(), user.id()).orElseThrow().state()).isEqualTo(PushState.WRONG_NUMBER);
        assertThat(answers.stateOf(push.id())).isEqualTo(PushState.WRONG_NUMBER);
        assertThat(audit.forUser(user.id(), 3)).anyMatch(e -> e.event().type() == AuditEventType.PUSH_WRONG_NUMBER);
        HttpResponse<String> retry = phone.approve(push.id(), push.number());
        assertThat(retry.statusCode()).isEqualTo(409);
        assertThat(retry.body()).isEqualTo("{\"result\":\"not_pending\"}");
    }

    @Test
    void denyDenies() {
        User user = accounts.newUser();
        TestDevice phone = activatedDevice(user);
        PushRequest push = created(user, phone, "signin");

        HttpResponse<String> response = phone.deny(push.id(), false);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"result\":\"denied\"}");
        assertThat(pushes.find(push.id(), user.id()).orElseThrow().state()).isEqualTo(PushState.DENIED);
        assertThat(answers.stateOf(push.id())).isEqualTo(PushState.DENIED);
        assertThat(audit.forUser(user.id(), 3)).anyMatch(e -> e.event().type() == AuditEventType.PUSH_DENIED);
    }

    @Test
    void denyAndReportReportsAndTellsTheListeners() {
        User user = accounts.newUser();
        TestDevice phone = activatedDevice(user);
        PushRequest push = created(user, phone, "signin");

        HttpResponse<String> response = phone.deny(push.id(), true);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"result\":\"reported\"}");
        assertThat(pushes.find(push.id(), user.id()).orElseThrow().state()).isEqualTo(PushState.REPORTED);
        PushAnswered event = answers.of(push.id()).orElseThrow();
        assertThat(event.request().state()).isEqualTo(PushState.REPORTED);
        assertThat(event.request().userId()).isEqualTo(user.id());
        assertThat(event.request().ip()).isEqualTo("192.0.2.7");
        assertThat(audit.forUser(user.id(), 10)).anyMatch(e -> e.event().type() == AuditEventType.PUSH_REPORTED);
    }

    @Test
    void anExpiredPushCannotBeAnswered() {
        User user = accounts.newUser();
        TestDevice phone = activatedDevice(user);
        PushRequest push = created(user, phone, "signin");
        clock.advance(Duration.ofSeconds(60));

        HttpResponse<String> approve = phone.approve(push.id(), push.number());
        HttpResponse<String> deny = phone.deny(push.id(), true);

        assertThat(approve.statusCode()).isEqualTo(409);
        assertThat(approve.body()).isEqualTo("{\"result\":\"not_pending\"}");
        assertThat(deny.statusCode()).isEqualTo(409);
        assertThat(pushes.find(push.id(), user.id()).orElseThrow().state()).isEqualTo(PushState.EXPIRED);
        assertThat(answers.of(push.id())).isEmpty();
    }

    @Test
    void anotherDeviceCannotAnswer() {
        User user = accounts.newUser();
        TestDevice phone = activatedDevice(user);
        TestDevice otherPhone = activatedDevice(accounts.newUser());
        PushRequest push = created(user, phone, "signin");

        assertThat(otherPhone.approve(push.id(), push.number()).statusCode()).isEqualTo(409);
        assertThat(otherPhone.deny(push.id(), true).statusCode()).isEqualTo(409);
        assertThat(phone.approve(UUID.randomUUID(), "42").statusCode()).as("unknown").isEqualTo(409);
        assertThat(pushes.find(push.id(), user.id()).orElseThrow().state()).isEqualTo(PushState.PENDING);
    }

    @Test
    void answersThatSayNothingUsableAreRefusedWith400() {
        User user = accounts.newUser();
        TestDevice phone = activatedDevice(user);
        PushRequest push = created(user, phone, "signin");
        String approve = TestDevice.API + "/requests/" + push.id() + "/approve";

        assertThat(phone.request("POST", approve).body("{}").send().statusCode()).isEqualTo(400);
        assertThat(phone.request("POST", approve).body("{\"number\":").send().statusCode()).isEqualTo(400);
        assertThat(phone.request("POST", approve).body("{\"number\":[42]}").send().statusCode()).isEqualTo(400);
        assertThat(phone.request("POST", TestDevice.API + "/requests/" + push.id() + "/deny").body("{\"report\":\"yes\"}")
                .send().statusCode()).isEqualTo(400);
        assertThat(phone.request("POST", TestDevice.API + "/requests/not-an-id/approve").body("{\"number\":\"42\"}")
                .send().statusCode()).isEqualTo(400);
        assertThat(phone.request("POST", approve).body("{\"number\":\"" + "4".repeat(9000) + "\"}").send().statusCode())
                .isEqualTo(400);
        assertThat(pushes.find(push.id(), user.id()).orElseThrow().state()).isEqualTo(PushState.PENDING);
        assertThat(phone.request("POST", approve).body("{\"number\":" + push.number() + "}").send().body())
                .as("a number as a JSON number").isEqualTo("{\"result\":\"approved\"}");
    }

    private TestDevice activatedDevice(User user) {
        return TestDevice.activated(port, clock, activations.begin(user).code());
    }

    private PushRequest created(User user, TestDevice phone, String kind) {
        PushResult result = pushes.create(user, phone.id(), kind, BROWSER);
        assertThat(result).isInstanceOf(PushResult.Created.class);
        return ((PushResult.Created) result).request();
    }

    /** Until the poll is registered on this node (no sleep: it yields, bounded in time). */
    private void awaitWaiting(UUID deviceId) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (waiters.waitingFor(deviceId) == 0) {
            assertThat(System.nanoTime()).as("the poll is waiting").isLessThan(deadline);
            Thread.onSpinWait();
            Thread.yield();
        }
    }
}
