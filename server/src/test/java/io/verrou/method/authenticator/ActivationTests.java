package io.verrou.method.authenticator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.verrou.MutableClock;
import io.verrou.TestAccounts;
import io.verrou.VerrouTest;
import io.verrou.audit.AuditEntry;
import io.verrou.audit.AuditEventType;
import io.verrou.audit.AuditResult;
import io.verrou.audit.JdbcAuditLog;
import io.verrou.crypto.SecretSealer;
import io.verrou.method.authenticator.AuthenticatorActivations.Activation;
import io.verrou.method.authenticator.AuthenticatorActivations.Device;
import io.verrou.otp.Base32;
import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.user.User;

import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Activating the app with its one-time code (docs/authenticator-api.md §1). */
@VerrouTest
class ActivationTests {

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;
    @Autowired
    AuthenticatorActivations activations;
    @Autowired
    JdbcTenantRepository tenants;
    @Autowired
    SecretSealer sealer;
    @Autowired
    JdbcAuditLog audit;
    @Autowired
    MutableClock clock;

    @Test
    void anActivationCodeActivatesTheDeviceOnceAndGivesItsAccountAndSeed() {
        User user = accounts.newUser();
        Activation activation = activations.begin(user);
        assertThat(activation.code()).hasSize(24).matches("[A-Z2-7]{24}");
        assertThat(activation.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(10)));
        assertThat(activations.device(activation.deviceId())).get().extracting(Device::activated).isEqualTo(false);
        TestDevice phone = TestDevice.on(port, clock);

        HttpResponse<String> response = phone.activate(activation.code(), "Alice's phone");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
        assertThat(response.headers().firstValue("Cache-Control")).get().asString().contains("no-store");
        JsonNode json = TestDevice.json(response);
        assertThat(json.get("deviceId").stringValue()).isEqualTo(activation.deviceId().toString());
        assertThat(json.get("account").get("issuer").stringValue()).isEqualTo(tenants.findById(user.tenantId()).orElseThrow().name());
        assertThat(json.get("account").get("name").stringValue()).isEqualTo(user.email());
        assertThat(json.get("totp").get("algorithm").stringValue()).isEqualTo("SHA1");
        assertThat(json.get("totp").get("digits").intValue()).isEqualTo(6);
        assertThat(json.get("totp").get("period").intValue()).isEqualTo(30);
        Device device = activations.device(activation.deviceId()).orElseThrow();
        assertThat(device.activated()).isTrue();
        assertThat(device.revoked()).isFalse();
        assertThat(device.name()).isEqualTo("Alice's phone");
        assertThat(device.userId()).isEqualTo(user.id());
        assertThat(device.toString()).doesNotContain(device.sealedTotpSecret());
        // The seed the app got is the one sealed under the device id, as the authenticator method opens it.
        byte[] seed = sealer.open(device.sealedTotpSecret(), activation.deviceId().toString());
        assertThat(seed).hasSize(20);
        assertThat(Base32.decode(phone.totpSecret())).isEqualTo(seed);

        HttpResponse<String> again = TestDevice.on(port, clock).activate(activation.code(), "Mallory's phone");

        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).isEqualTo("{\"error\":\"invalid_activation_code\"}");
        assertThat(activations.device(activation.deviceId()).orElseThrow().name()).isEqualTo("Alice's phone");
        List<AuditEntry> entries = audit.forUser(user.id(), 5);
        assertThat(entries).anyMatch(e -> e.event().type() == AuditEventType.DEVICE_ACTIVATED
                && e.event().result() == AuditResult.SUCCESS);
        assertThat(entries).anyMatch(e -> e.event().type() == AuditEventType.DEVICE_ACTIVATED
                && e.event().result() == AuditResult.FAILURE);
        assertThat(entries).allSatisfy(e -> assertThat(e.event().toString()).doesNotContain(activation.code()));
    }

    @Test
    void aCodeMayBeTypedInGroupsWithHyphensInLowerCase() {
        Activation activation = activations.begin(accounts.newUser());
        String typed = Base32.group(activation.code(), 4).toLowerCase().replaceFirst(" ", "-");

        assertThat(TestDevice.on(port, clock).activate(typed, "Phone").statusCode()).isEqualTo(201);
    }

    @Test
    void aCodeTenMinutesOldIsRefused() {
        Activation activation = activations.begin(accounts.newUser());
        clock.advance(Duration.ofMinutes(10));

        HttpResponse<String> response = TestDevice.on(port, clock).activate(activation.code(), "Phone");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"error\":\"invalid_activation_code\"}");
        assertThat(activations.device(activation.deviceId()).orElseThrow().activated()).isFalse();
    }

    @Test
    void aCodeJustBeforeItsTenMinutesWorks() {
        Activation activation = activations.begin(accounts.newUser());
        clock.advance(Duration.ofMinutes(10).minusSeconds(1));

        assertThat(TestDevice.on(port, clock).activate(activation.code(), "Phone").statusCode()).isEqualTo(201);
    }

    @Test
    void aNewCodeSupersedesTheUnusedOne() {
        User user = accounts.newUser();
        Activation first = activations.begin(user);
        Activation second = activations.begin(user);

        assertThat(TestDevice.on(port, clock).activate(first.code(), "Phone").body())
                .isEqualTo("{\"error\":\"invalid_activation_code\"}");
        assertThat(activations.device(first.deviceId())).isEmpty();
        assertThat(TestDevice.on(port, clock).activate(second.code(), "Phone").statusCode()).isEqualTo(201);
    }

    @Test
    void anUnknownCodeGetsTheSameAnswerAsAUsedOne() {
        for (String code : new String[] {"ABCDEFGHIJKLMNOPQRSTUVWX", "short", "", "0000 0000 0000 0000 0000 0000"}) {
            HttpResponse<String> response = TestDevice.on(port, clock).activate(code, "Phone");
            assertThat(response.statusCode()).as(code).isEqualTo(400);
            assertThat(response.body()).isEqualTo("{\"error\":\"invalid_activation_code\"}");
        }
    }

    @Test
    void aKeyThatIsNotP256IsRefusedAndTheCodeStillWorksWithAGoodOne() {
        Activation activation = activations.begin(accounts.newUser());

        for (String key : new String[] {SignatureBaseTest.P384_KEY, "bm90IGEga2V5", ""}) {
            HttpResponse<String> response = post("{\"code\":\"" + activation.code() + "\",\"publicKey\":\"" + key
                    + "\",\"deviceName\":\"Phone\"}");
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).isEqualTo("{\"error\":\"invalid_public_key\"}");
        }

        assertThat(TestDevice.on(port, clock).activate(activation.code(), "Phone").statusCode()).isEqualTo(201);
    }

    @Test
    void malformedOrOversizedBodiesAreRefusedWith400NotAnError() {
        Activation activation = activations.begin(accounts.newUser());
        String publicKey = TestDevice.on(port, clock).publicKey();

        assertThat(post("{\"code\":").statusCode()).isEqualTo(400);
        assertThat(post("[1, 2]").statusCode()).isEqualTo(400);
        assertThat(post("").statusCode()).isEqualTo(400);
        assertThat(post("\u0000\u0001binary").statusCode()).isEqualTo(400);
        assertThat(post("{\"code\":42}").statusCode()).isEqualTo(400);
        HttpResponse<String> oversized = post("{\"code\":\"" + activation.code() + "\",\"publicKey\":\"" + publicKey
                + "\",\"deviceName\":\"Phone\",\"padding\":\"" + "x".repeat(8 * 1024) + "\"}");
        assertThat(oversized.statusCode()).isEqualTo(400);
        assertThat(oversized.body()).isEqualTo("{\"error\":\"invalid_request\"}");
        HttpResponse<String> longName = post("{\"code\":\"" + activation.code() + "\",\"publicKey\":\"" + publicKey
                + "\",\"deviceName\":\"" + "n".repeat(65) + "\"}");
        assertThat(longName.statusCode()).isEqualTo(400);
        assertThat(longName.body()).isEqualTo("{\"error\":\"invalid_request\"}");

        assertThat(post("{\"code\":\"" + activation.code() + "\",\"publicKey\":\"" + publicKey
                + "\",\"deviceName\":\"" + "n".repeat(64) + "\"}").statusCode()).isEqualTo(201);
    }

    @Test
    void aDeviceWithoutANameGetsTheAppsName() {
        Activation activation = activations.begin(accounts.newUser());

        assertThat(post("{\"code\":\"" + activation.code() + "\",\"publicKey\":\"" + TestDevice.on(port, clock).publicKey()
                + "\"}").statusCode()).isEqualTo(201);

        assertThat(activations.device(activation.deviceId()).orElseThrow().name()).isEqualTo("Verrou Authenticator");
    }

    @Test
    void theQrCodeUriCarriesTheServerUrlAndTheCodePercentEncoded() {
        Activation activation = new Activation(UUID.randomUUID(), "ABCDEFGHIJKLMNOPQRSTUVWX", Instant.EPOCH);

        assertThat(activations.activationUri("https://verrou.contoso.example:8443/id p", activation))
                .isEqualTo("verrou-authenticator://activate?url=https%3A%2F%2Fverrou.contoso.example%3A8443%2Fid%20p"
                        + "&code=ABCDEFGHIJKLMNOPQRSTUVWX");
        assertThat(activation.toString()).doesNotContain("ABCDEFGHIJKLMNOPQRSTUVWX");
    }

    @Test
    void codesAreRandom() {
        User user = accounts.newUser();
        String a = activations.begin(user).code();
        String b = activations.begin(user).code();

        assertThat(a).isNotEqualTo(b);
        assertThat(Base32.decode(a)).hasSize(15);
    }

    private HttpResponse<String> post(String body) {
        return TestDevice.on(port, clock).sendRaw(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + TestDevice.API + "/activations"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }
}
