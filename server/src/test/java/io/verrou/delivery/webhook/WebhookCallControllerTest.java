package io.verrou.delivery.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import io.verrou.delivery.DeliveryProperties;
import io.verrou.delivery.DeliveryProperties.Provider;
import io.verrou.delivery.RecordingCallAnswerListener;
import io.verrou.delivery.TestDeliveries;

import tools.jackson.databind.json.JsonMapper;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

class WebhookCallControllerTest {

    private static final String SECRET = "webhook-secret-0123456789";
    private static final Instant NOW = Instant.parse("2025-06-01T10:15:30Z");

    private final RecordingCallAnswerListener listener = new RecordingCallAnswerListener();
    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new WebhookCallController(
            TestDeliveries.properties(Provider.OUTBOX, Provider.WEBHOOK, Optional.of("https://verrou.example"),
                    new DeliveryProperties.Webhook(Optional.of("https://gateway.example/hook"), Optional.of(SECRET)), null),
            Clock.fixed(NOW, ZoneOffset.UTC), TestDeliveries.answersTo(listener), JsonMapper.builder().build()))
            .build();

    private ResultActions answer(UUID callId, String json, String secret, Instant signedAt) throws Exception {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        long timestamp = signedAt.getEpochSecond();
        return mvc.perform(post("/api/delivery/webhook/calls/{callId}", callId)
                .contentType(MediaType.APPLICATION_JSON)
                .header("X-Verrou-Timestamp", Long.toString(timestamp))
                .header("X-Verrou-Signature", new WebhookSignature(secret).sign(timestamp, body))
                .content(body));
    }

    @Test
    void aSignedPoundAnswerReachesTheListeners() throws Exception {
        UUID callId = UUID.randomUUID();

        answer(callId, "{\"keys\":\"#\"}", SECRET, NOW).andExpect(status().isNoContent());

        assertThat(listener.keysFor(callId)).containsExactly("#");
    }

    @Test
    void aSignedZeroPoundAnswerReachesTheListeners() throws Exception {
        UUID callId = UUID.randomUUID();

        answer(callId, "{\"keys\":\"0#\"}", SECRET, NOW.minus(Duration.ofMinutes(4))).andExpect(status().isNoContent());

        assertThat(listener.keysFor(callId)).containsExactly("0#");
    }

    @Test
    void anAnswerSignedWithAnotherSecretIsRefusedWith401() throws Exception {
        UUID callId = UUID.randomUUID();

        answer(callId, "{\"keys\":\"#\"}", "not-the-secret-0123456789", NOW).andExpect(status().isUnauthorized());

        assertThat(listener.keysFor(callId)).isEmpty();
    }

    @Test
    void anAnswerSignedMoreThanFiveMinutesAgoIsRefusedWith401() throws Exception {
        UUID callId = UUID.randomUUID();

        answer(callId, "{\"keys\":\"#\"}", SECRET, NOW.minus(Duration.ofMinutes(6))).andExpect(status().isUnauthorized());

        assertThat(listener.keysFor(callId)).isEmpty();
    }

    @Test
    void anUnsignedAnswerIsRefusedWith401() throws Exception {
        UUID callId = UUID.randomUUID();

        mvc.perform(post("/api/delivery/webhook/calls/{callId}", callId)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"keys\":\"#\"}"))
                .andExpect(status().isUnauthorized());

        assertThat(listener.keysFor(callId)).isEmpty();
    }

    @Test
    void aSignedAnswerWithOtherKeysOrNoJsonIsRefusedWith400() throws Exception {
        UUID callId = UUID.randomUUID();

        answer(callId, "{\"keys\":\"1#\"}", SECRET, NOW).andExpect(status().isBadRequest());
        answer(callId, "{}", SECRET, NOW).andExpect(status().isBadRequest());
        answer(callId, "keys=#", SECRET, NOW).andExpect(status().isBadRequest());

        assertThat(listener.keysFor(callId)).isEmpty();
    }
}
