package io.verrou.method.authenticator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import io.verrou.MutableClock;
import io.verrou.TestAccounts;
import io.verrou.VerrouTest;
import io.verrou.audit.AuditEntry;
import io.verrou.audit.AuditEventType;
import io.verrou.audit.ClientInfo;
import io.verrou.audit.JdbcAuditLog;
import io.verrou.method.AuthMethods;
import io.verrou.method.MethodKind;
import io.verrou.method.authenticator.AuthenticatorActivations.Activation;
import io.verrou.method.authenticator.AuthenticatorActivations.Device;
import io.verrou.method.authenticator.PushRequests.PushResult;
import io.verrou.user.User;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Every request after activation is signed with the device key, and anything else is refused (doc §2). */
@VerrouTest
class SignedRequestTests {

    private static final String PENDING = TestDevice.API + "/requests/pending?wait=1";
    private static final String INVALID = "{\"error\":\"invalid_signature\"}";
    private static final String UNKNOWN = "{\"error\":\"unknown_device\"}";
    private static final String NO_REPORT = "{\"report\":false}";

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;
    @Autowired
    AuthenticatorActivations activations;
    @Autowired
    PushRequests pushes;
    @Autowired
    AuthMethods methods;
    @Autowired
    JdbcAuditLog audit;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;

    @Test
    void aWellSignedRequestIsAcceptedAndMarksTheDeviceSeen() {
        TestDevice phone = activatedDevice(accounts.newUser());
        clock.advance(Duration.ofMinutes(1));

        HttpResponse<String> response = phone.request("GET", PENDING).send();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"requests\":[]}");
        assertThat(jdbc.sql("SELECT last_seen_at FROM authenticator_device WHERE id = :id").param("id", phone.id())
                .query(OffsetDateTime.class).single().toInstant())
                .isEqualTo(clock.instant().truncatedTo(ChronoUnit.MICROS));
    }

    @Test
    void aRequestSignedWithAnotherKeyIsRefused() {
        User user = accounts.newUser();
        TestDevice phone = activatedDevice(user);

        HttpResponse<String> response = phone.request("GET", PENDING)
                .signedWith(TestDevice.newKeyPair().getPrivate()).send();

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo(INVALID);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
        List<AuditEntry> entries = audit.forUser(user.id(), 3);
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.event().type()).isEqualTo(AuditEventType.DEVICE_SIGNATURE_REFUSED);
            assertThat(e.event().reason()).contains("bad_signature");
        });
    }

    @Test
    void aRequestSignedForAnotherAddressOrMethodIsRefused() {
        TestDevice phone = activatedDevice(accounts.newUser());

        assertThat(phone.request("GET", PENDING)
                .signedFor("http://localhost:" + port + TestDevice.API + "/requests/pending?wait=60").send().body())
                .isEqualTo(INVALID);
        assertThat(phone.request("GET", PENDING).signedFor("http://verrou.example" + PENDING).send().body())
                .isEqualTo(INVALID);
    }

    @Test
    void aReplayedRequestIsRefused() {
        TestDevice phone = activatedDevice(accounts.newUser());
        HttpRequest request = phone.request("POST", probe()).body(NO_REPORT).build();

        assertThat(phone.sendRaw(request).statusCode()).isEqualTo(409);
        HttpResponse<String> replayed = phone.sendRaw(request);

        assertThat(replayed.statusCode()).isEqualTo(401);
        assertThat(replayed.body()).isEqualTo(INVALID);
    }

    @Test
    void aNonceIsRefusedAgainEvenInAnotherRequest() {
        TestDevice phone = activatedDevice(accounts.newUser());
        String nonce = TestDevice.newNonce();

        assertThat(accepted(phone.request("POST", probe()).body(NO_REPORT).nonce(nonce))).isTrue();
        assertThat(phone.request("GET", PENDING).nonce(nonce).send().body()).isEqualTo(INVALID);
        TestDevice otherPhone = activatedDevice(accounts.newUser());
        assertThat(accepted(otherPhone.request("POST", probe()).body(NO_REPORT).nonce(nonce)))
                .as("another device's nonces are its own").isTrue();
    }

    @Test
    void aRequestCreatedMoreThan300SecondsAwayIsRefused() {
        TestDevice phone = activatedDevice(accounts.newUser());
        long now = clock.instant().getEpochSecond();

        HttpResponse<String> old = phone.request("GET", PENDING).created(now - 301).send();
        HttpResponse<String> future = phone.request("GET", PENDING).created(now + 301).send();

        assertThat(old.statusCode()).isEqualTo(401);
        assertThat(old.body()).isEqualTo(INVALID);
        assertThat(future.body()).isEqualTo(INVALID);
        assertThat(accepted(phone.request("POST", probe()).body(NO_REPORT).created(now - 300))).isTrue();
        assertThat(accepted(phone.request("POST", probe()).body(NO_REPORT).created(now + 300))).isTrue();
    }

    @Test
    void aTamperedBodyIsRefused() {
        User user = accounts.newUser();
        TestDevice phone = activatedDevice(user);
        PushRequests.PushRequest push = created(user, phone);

        HttpResponse<String> response = phone.request("POST", TestDevice.API + "/requests/" + push.id() + "/deny")
                .body("{\"report\":false}").sendBody("{\"report\":true }").send();

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo(INVALID);
        assertThat(pushes.find(push.id(), user.id()).orElseThrow().state()).isEqualTo(PushRequests.PushState.PENDING);
    }

    @Test
    void aBodyWithoutADigestIsRefused() {
        User user = accounts.newUser();
        TestDevice phone = activatedDevice(user);
        PushRequests.PushRequest push = created(user, phone);
        HttpRequest signedWithoutBody = phone.request("POST", TestDevice.API + "/requests/" + push.id() + "/deny").build();

        HttpResponse<String> response = phone.sendRaw(HttpRequest.newBuilder(signedWithoutBody.uri())
                .header("Signature-Input", signedWithoutBody.headers().firstValue("Signature-Input").orElseThrow())
                .header("Signature", signedWithoutBody.headers().firstValue("Signature").orElseThrow())
                .POST(HttpRequest.BodyPublishers.ofString("{\"report\":true}")).build());

        assertThat(response.body()).isEqualTo(INVALID);
        assertThat(pushes.find(push.id(), user.id()).orElseThrow().state()).isEqualTo(PushRequests.PushState.PENDING);
    }

    @Test
    void anUnsignedRequestIsRefused() {
        HttpResponse<String> response = TestDevice.on(port, clock).sendRaw(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + PENDING)).GET().build());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo(INVALID);
    }

    @Test
    void anUnknownOrNeverActivatedDeviceIsRefused() {
        Activation notActivated = activations.begin(accounts.newUser());

        HttpResponse<String> unknown = TestDevice.on(port, clock).claiming(UUID.randomUUID()).request("GET", PENDING).send();
        HttpResponse<String> pending = TestDevice.on(port, clock).claiming(notActivated.deviceId())
                .request("GET", PENDING).send();

        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(unknown.body()).isEqualTo(UNKNOWN);
        assertThat(pending.statusCode()).isEqualTo(401);
        assertThat(pending.body()).isEqualTo(UNKNOWN);
    }

    @Test
    void aDeviceWhoseAuthenticatorMethodWasDeletedIsRefused() {
        User user = accounts.newUser();
        TestDevice phone = activatedDevice(user);
        Device device = activations.device(phone.id()).orElseThrow();
        methods.add(user, device.id(), MethodKind.of("authenticator"), "Verrou Authenticator", Optional.of(device.name()),
                Optional.of(device.sealedTotpSecret()), Optional.empty(), OptionalLong.empty(), ClientInfo.system());
        assertThat(phone.request("GET", PENDING).send().statusCode()).isEqualTo(200);

        methods.delete(user, device.id(), ClientInfo.system());

        assertThat(activations.device(phone.id()).orElseThrow().revoked()).isTrue();
        HttpResponse<String> response = phone.request("GET", PENDING).send();
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo(UNKNOWN);
        assertThat(pushes.create(user, phone.id(), "signin", ClientInfo.system()))
                .isEqualTo(new PushResult.Refused("push.nodevice"));
    }

    @Test
    void deletingAnotherKindOfMethodLeavesTheDeviceAlone() {
        User user = accounts.newUser();
        TestDevice phone = activatedDevice(user);
        UUID totp = UUID.randomUUID();
        methods.add(user, totp, MethodKind.of("totp"), "Authenticator app", Optional.empty(), Optional.empty(),
                Optional.empty(), OptionalLong.empty(), ClientInfo.system());

        methods.delete(user, totp, ClientInfo.system());

        assertThat(activations.device(phone.id()).orElseThrow().revoked()).isFalse();
        assertThat(phone.request("GET", PENDING).send().statusCode()).isEqualTo(200);
    }

    @Test
    void refusalsAreAuditedWithoutTheSignature() {
        User user = accounts.newUser();
        TestDevice phone = activatedDevice(user);
        HttpRequest request = phone.request("GET", PENDING).build();
        phone.sendRaw(request);
        phone.sendRaw(request);
        String signature = request.headers().firstValue("Signature").orElseThrow();

        List<AuditEntry> entries = audit.forUser(user.id(), 3);

        assertThat(entries).anySatisfy(e -> {
            assertThat(e.event().type()).isEqualTo(AuditEventType.DEVICE_SIGNATURE_REFUSED);
            assertThat(e.event().reason()).contains("replay");
        });
        assertThat(entries).allSatisfy(e -> assertThat(e.event().toString())
                .doesNotContain(signature.substring(6, 30)));
    }

    /** An answer to a request that does not exist: signed right, it is not pending (409), at once. */
    private static String probe() {
        return TestDevice.API + "/requests/" + UUID.randomUUID() + "/deny";
    }

    private static boolean accepted(TestDevice.Signed request) {
        HttpResponse<String> response = request.send();
        return response.statusCode() == 409 && response.body().equals("{\"result\":\"not_pending\"}");
    }

    private TestDevice activatedDevice(User user) {
        return TestDevice.activated(port, clock, activations.begin(user).code());
    }

    private PushRequests.PushRequest created(User user, TestDevice phone) {
        return ((PushResult.Created) pushes.create(user, phone.id(), "signin",
                new ClientInfo("192.0.2.7", "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"))).request();
    }
}
