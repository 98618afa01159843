package io.verrou.delivery.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final Instant NOW = Instant.parse("2025-06-01T10:15:30Z");
    private static final byte[] BODY = "{\"keys\":\"#\"}".getBytes(StandardCharsets.UTF_8);

    private final WebhookSignature signature = new WebhookSignature("webhook-secret-0123456789");

    private String ts(Instant instant) {
        return Long.toString(instant.getEpochSecond());
    }

    @Test
    void aSignatureVerifiesForItsTimestampAndBody() {
        String signed = signature.sign(NOW.getEpochSecond(), BODY);

        assertThat(signed).matches("v1=[0-9a-f]{64}");
        assertThat(signature.verify(ts(NOW), signed, BODY, NOW)).isTrue();
    }

    @Test
    void aChangedBodyOrTimestampDoesNotVerify() {
        String signed = signature.sign(NOW.getEpochSecond(), BODY);

        assertThat(signature.verify(ts(NOW), signed, "{\"keys\":\"0#\"}".getBytes(StandardCharsets.UTF_8), NOW)).isFalse();
        assertThat(signature.verify(ts(NOW.plusSeconds(1)), signed, BODY, NOW)).isFalse();
    }

    @Test
    void anotherSecretDoesNotVerify() {
        String signed = new WebhookSignature("another-secret-0123456789").sign(NOW.getEpochSecond(), BODY);

        assertThat(signature.verify(ts(NOW), signed, BODY, NOW)).isFalse();
    }

    @Test
    void aSignatureIsAcceptedWithinFiveMinutesOfItsTimestampAndNotLater() {
        Instant then = NOW.minus(Duration.ofMinutes(5));
        Instant future = NOW.plus(Duration.ofMinutes(5)).plusSeconds(1);

        assertThat(signature.verify(ts(then), signature.sign(then.getEpochSecond(), BODY), BODY, NOW)).isTrue();
        assertThat(signature.verify(ts(then.minusSeconds(1)), signature.sign(then.getEpochSecond() - 1, BODY), BODY, NOW))
                .isFalse();
        assertThat(signature.verify(ts(future), signature.sign(future.getEpochSecond(), BODY), BODY, NOW)).isFalse();
    }

    @Test
    void missingOrMalformedHeadersDoNotVerify() {
        String signed = signature.sign(NOW.getEpochSecond(), BODY);

        assertThat(signature.verify(null, signed, BODY, NOW)).isFalse();
        assertThat(signature.verify(ts(NOW), null, BODY, NOW)).isFalse();
        assertThat(signature.verify("yesterday", signed, BODY, NOW)).isFalse();
        assertThat(signature.verify(ts(NOW), signed.substring(3), BODY, NOW)).isFalse();
        assertThat(signature.verify(ts(NOW), "v1=not-hex", BODY, NOW)).isFalse();
        assertThat(signature.verify(ts(NOW), "v1=", BODY, NOW)).isFalse();
    }

    @Test
    void oneMatchingSignatureAmongSeveralIsEnoughWhileASecretIsBeingChanged() {
        String old = new WebhookSignature("the-old-secret-0123456789").sign(NOW.getEpochSecond(), BODY);
        String current = signature.sign(NOW.getEpochSecond(), BODY);

        assertThat(signature.verify(ts(NOW), old + ", " + current, BODY, NOW)).isTrue();
    }
}
