package io.verrou.delivery;

import java.time.Clock;

import io.verrou.delivery.DeliveryProperties.Provider;
import io.verrou.delivery.outbox.JdbcOutbox;
import io.verrou.delivery.twilio.TwilioDelivery;
import io.verrou.delivery.webhook.WebhookDelivery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.databind.json.JsonMapper;

/**
 * The one {@link SmsSender} and the one {@link VoiceCaller}, each from the provider its setting names
 * ({@code VERROU_DELIVERY_SMS}, {@code VERROU_DELIVERY_VOICE}). Missing settings have already stopped the start
 * when {@link DeliveryProperties} was bound.
 */
@Configuration(proxyBeanMethods = false)
class DeliveryConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DeliveryConfiguration.class);

    private final DeliveryProperties properties;
    private final JdbcOutbox outbox;
    private final DeliveryTexts texts;
    private final Clock clock;
    private final JsonMapper json;

    DeliveryConfiguration(DeliveryProperties properties, JdbcOutbox outbox, DeliveryTexts texts, Clock clock,
            JsonMapper json) {
        this.properties = properties;
        this.outbox = outbox;
        this.texts = texts;
        this.clock = clock;
        this.json = json;
    }

    @Bean
    SmsSender smsSender() {
        announce("Text messages", properties.sms(), "VERROU_DELIVERY_SMS");
        return switch (properties.sms()) {
            case OUTBOX -> outbox::send;
            case WEBHOOK -> webhook()::send;
            case TWILIO -> twilio()::send;
        };
    }

    @Bean
    VoiceCaller voiceCaller() {
        announce("Calls", properties.voice(), "VERROU_DELIVERY_VOICE");
        return switch (properties.voice()) {
            case OUTBOX -> outbox::call;
            case WEBHOOK -> webhook()::call;
            case TWILIO -> twilio()::call;
        };
    }

    private WebhookDelivery webhook() {
        return new WebhookDelivery(properties.webhookUrl(), properties.webhook().secret().orElseThrow(),
                properties.webhookPublicUrl(), properties.timeout(), clock, json);
    }

    private TwilioDelivery twilio() {
        DeliveryProperties.Twilio twilio = properties.twilio();
        return new TwilioDelivery(properties.twilioBaseUrl(), twilio.accountSid().orElseThrow(),
                twilio.authToken().orElseThrow(), twilio.from().orElseThrow(), properties.twilioPublicUrl(),
                properties.timeout(), texts, json);
    }

    private static void announce(String what, Provider provider, String variable) {
        if (provider == Provider.OUTBOX) {
            log.warn("{} go to the outbox (/dev/outbox): none reaches a phone. Set {} to webhook or twilio in production.",
                    what, variable);
        } else {
            log.info("{} go through {}", what, provider.id());
        }
    }
}
