package io.verrou.delivery.webhook;

import java.time.Clock;
import java.util.UUID;

import io.verrou.delivery.CallAnswers;
import io.verrou.delivery.DeliveryConditions;
import io.verrou.delivery.DeliveryProperties;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The webhook gateway's answer to a call: {@code POST /api/delivery/webhook/calls/{callId}} with
 * {@code {"keys":"#"}} or {@code {"keys":"0#"}}, signed like Verrou's own requests. A missing or wrong signature,
 * or a timestamp more than five minutes off, is refused with 401. Exists only when calls go through the webhook.
 */
@RestController
@Conditional(DeliveryConditions.WebhookVoice.class)
class WebhookCallController {

    private static final Logger log = LoggerFactory.getLogger(WebhookCallController.class);

    private final WebhookSignature signature;
    private final Clock clock;
    private final CallAnswers answers;
    private final JsonMapper json;

    WebhookCallController(DeliveryProperties properties, Clock clock, CallAnswers answers, JsonMapper json) {
        this.signature = new WebhookSignature(properties.webhook().secret()
                .orElseThrow(() -> new IllegalStateException("VERROU_DELIVERY_WEBHOOK_SECRET is not set")));
        this.clock = clock;
        this.answers = answers;
        this.json = json;
    }

    record Answer(String keys) {
    }

    @PostMapping(WebhookDelivery.ANSWER_PATH + "{callId}")
    ResponseEntity<Void> answered(@PathVariable String callId,
            @RequestHeader(name = WebhookSignature.TIMESTAMP_HEADER, required = false) String timestamp,
            @RequestHeader(name = WebhookSignature.SIGNATURE_HEADER, required = false) String signed,
            @RequestBody(required = false) byte[] body) {
        byte[] raw = body == null ? new byte[0] : body;
        if (!signature.verify(timestamp, signed, raw, clock.instant())) {
            log.warn("Refused a webhook call answer: bad or stale signature");
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
        }
        UUID id;
        String keys;
        try {
            id = UUID.fromString(callId);
            keys = json.readValue(raw, Answer.class).keys();
        } catch (IllegalArgumentException | JacksonException e) {
            return ResponseEntity.badRequest().build();
        }
        if (!CallAnswers.valid(keys)) {
            return ResponseEntity.badRequest().build();
        }
        answers.answered(id, keys);
        return ResponseEntity.noContent().build();
    }
}
