package io.verrou.delivery.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.verrou.delivery.DeliveryFailedException;
import io.verrou.delivery.DeliveryFailedException.Failure;
import io.verrou.delivery.DeliveryReceipt;
import io.verrou.delivery.RecordingServer;
import io.verrou.delivery.SmsMessage;
import io.verrou.delivery.VoiceCall;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class WebhookDeliveryTest {

    private static final String SECRET = "webhook-secret-0123456789";
    private static final Instant NOW = Instant.parse("2025-06-01T10:15:30Z");
    private static final URI PUBLIC = URI.create("https://verrou.example");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RecordingServer server = RecordingServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    private WebhookDelivery webhook(URI url, Duration timeout) {
        return new WebhookDelivery(url, SECRET, Optional.of(PUBLIC), timeout, Clock.fixed(NOW, ZoneOffset.UTC), JSON);
    }

    private static SmsMessage sms() {
        return new SmsMessage("+33612345678", "Votre code Verrou est 482913. Il expire dans 5 minutes.", Locale.FRENCH,
                Optional.of("482913"));
    }

    private static Map<String, Object> json(byte[] body) {
        return JSON.readValue(body, new TypeReference<Map<String, Object>>() { });
    }

    @Test
    void aTextMessageIsOneSignedJsonPostWithExactlyTheDocumentedFields() {
        DeliveryReceipt receipt = webhook(server.url("/hooks/verrou"), Duration.ofSeconds(5)).send(sms());

        RecordingServer.Request request = server.onlyRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/hooks/verrou");
        assertThat(request.header("Content-Type")).startsWith("application/json");
        Map<String, Object> fields = json(request.body());
        assertThat(fields).containsOnlyKeys("type", "id", "to", "body", "locale");
        assertThat(fields).containsEntry("type", "sms")
                .containsEntry("to", "+33612345678")
                .containsEntry("body", "Votre code Verrou est 482913. Il expire dans 5 minutes.")
                .containsEntry("locale", "fr");
        assertThat(UUID.fromString((String) fields.get("id")).toString()).isEqualTo(receipt.providerId());
        assertThat(receipt.provider()).isEqualTo("webhook");
        assertThat(request.header("X-Verrou-Timestamp")).isEqualTo(Long.toString(NOW.getEpochSecond()));
        assertThat(new WebhookSignature(SECRET).verify(request.header("X-Verrou-Timestamp"),
                request.header("X-Verrou-Signature"), request.body(), NOW)).isTrue();
        assertThat(new WebhookSignature("another-secret-0123456789").verify(request.header("X-Verrou-Timestamp"),
                request.header("X-Verrou-Signature"), request.body(), NOW)).isFalse();
    }

    @Test
    void theSignatureIsTheHexHmacSha256OfTimestampDotRawBody() throws Exception {
        webhook(server.url("/hook"), Duration.ofSeconds(5)).send(sms());

        RecordingServer.Request request = server.onlyRequest();
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((NOW.getEpochSecond() + ".").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String expected = "v1=" + java.util.HexFormat.of().formatHex(mac.doFinal(request.body()));
        assertThat(request.header("X-Verrou-Signature")).isEqualTo(expected);
    }

    @Test
    void aCallCarriesItsIdScriptLocaleAndTheUrlToAnswerAt() {
        UUID callId = UUID.randomUUID();
        VoiceCall call = new VoiceCall(callId, "+14155550123", "This is Verrou. Press the pound key.", Locale.ENGLISH);

        DeliveryReceipt receipt = webhook(server.url("/hook"), Duration.ofSeconds(5)).call(call);

        RecordingServer.Request request = server.onlyRequest();
        Map<String, Object> fields = json(request.body());
        assertThat(fields).containsOnlyKeys("type", "id", "to", "script", "locale", "answerUrl");
        assertThat(fields).containsEntry("type", "voice")
                .containsEntry("id", callId.toString())
                .containsEntry("to", "+14155550123")
                .containsEntry("script", "This is Verrou. Press the pound key.")
                .containsEntry("locale", "en")
                .containsEntry("answerUrl", "https://verrou.example/api/delivery/webhook/calls/" + callId);
        assertThat(List.copyOf(fields.keySet())).containsExactly("type", "id", "to", "script", "locale", "answerUrl");
        assertThat(receipt).isEqualTo(new DeliveryReceipt("webhook", callId.toString()));
        assertThat(new WebhookSignature(SECRET).verify(request.header("X-Verrou-Timestamp"),
                request.header("X-Verrou-Signature"), request.body(), NOW)).isTrue();
    }

    @Test
    void aServerErrorIsADeliveryFailureThatLogsNeitherTheBodyNorTheCode(CapturedOutput output) {
        server.answering(500, "{\"error\":\"boom\"}");

        assertThatThrownBy(() -> webhook(server.url("/hook"), Duration.ofSeconds(5)).send(sms()))
                .isInstanceOfSatisfying(DeliveryFailedException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.PROVIDER_ERROR);
                    assertThat(e.getMessage()).contains("webhook", "sms", "500", "••78")
                            .doesNotContain("482913").doesNotContain("+33612345678");
                });
        assertThat(output.getAll()).contains("webhook sms to ••78 failed")
                .doesNotContain("482913").doesNotContain("+33612345678").doesNotContain(SECRET);
    }

    @Test
    void aRefusalByTheGatewayIsADeliveryFailure() {
        server.answering(401, "{}");

        assertThatThrownBy(() -> webhook(server.url("/hook"), Duration.ofSeconds(5)).send(sms()))
                .isInstanceOfSatisfying(DeliveryFailedException.class,
                        e -> assertThat(e.failure()).isEqualTo(Failure.REJECTED));
    }

    @Test
    void aRefusedConnectionIsADeliveryFailure() {
        URI closed = RecordingServer.closedPort();

        assertThatThrownBy(() -> webhook(closed.resolve("/hook"), Duration.ofSeconds(5)).send(sms()))
                .isInstanceOfSatisfying(DeliveryFailedException.class,
                        e -> assertThat(e.failure()).isEqualTo(Failure.UNREACHABLE));
    }

    @Test
    void aGatewayThatNeverAnswersIsADeliveryFailureAfterTheTimeout() {
        server.hanging();

        assertThatThrownBy(() -> webhook(server.url("/hook"), Duration.ofMillis(300)).send(sms()))
                .isInstanceOfSatisfying(DeliveryFailedException.class,
                        e -> assertThat(e.failure()).isEqualTo(Failure.TIMEOUT));
    }
}
