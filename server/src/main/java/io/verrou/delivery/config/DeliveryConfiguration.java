package io.verrou.delivery.config;

import java.time.Clock;

import io.verrou.delivery.DeliveryProperties;
import io.verrou.delivery.DeliveryProperties.Provider;
import io.verrou.delivery.DeliveryTexts;
import io.verrou.delivery.EmailSender;
import io.verrou.delivery.SmsSender;
import io.verrou.delivery.VoiceCaller;
import io.verrou.delivery.outbox.JdbcOutbox;
import io.verrou.delivery.smtp.SmtpDelivery;
import io.verrou.delivery.twilio.TwilioDelivery;
import io.verrou.delivery.webhook.WebhookDelivery;

import tools.jackson.databind.json.JsonMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The one {@link SmsSender}, the one {@link VoiceCaller} and the one {@link EmailSender}, each from the provider
 * its setting names ({@code VERROU_DELIVERY_SMS}, {@code VERROU_DELIVERY_VOICE}, {@code VERROU_DELIVERY_EMAIL}).
 * Missing settings have already stopped the start when {@link DeliveryProperties} was bound, except the SMTP
 * server, which is Spring Boot's ({@code spring.mail.*}) and is checked here.
 */
@Configuration(proxyBeanMethods = false)
class DeliveryConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DeliveryConfiguration.class);

    private final DeliveryProperties properties;
    private final JdbcOutbox outbox;
    private final DeliveryTexts texts;
    private final Clock clock;
    private final JsonMapper json;
    private final ObjectProvider<JavaMailSender> mailSenders;

    DeliveryConfiguration(DeliveryProperties properties, JdbcOutbox outbox, DeliveryTexts texts, Clock clock,
            JsonMapper json, ObjectProvider<JavaMailSender> mailSenders) {
        this.properties = properties;
        this.outbox = outbox;
        this.texts = texts;
        this.clock = clock;
        this.json = json;
        this.mailSenders = mailSenders;
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

    @Bean
    EmailSender emailSender() {
        return switch (properties.email()) {
            case OUTBOX -> {
                log.warn("Emails go to the outbox: none reaches a mailbox (administrators read them under "
                        + "Administration, Outbox). Set VERROU_DELIVERY_EMAIL to smtp in production.");
                yield outbox::email;
            }
            case SMTP -> {
                log.info("Emails go through smtp");
                yield smtp()::send;
            }
        };
    }

    private SmtpDelivery smtp() {
        // Spring Boot makes the sender only when spring.mail.host (or a JNDI session) is set.
        JavaMailSender sender = mailSenders.getIfAvailable(() -> {
            throw new IllegalStateException("Delivery settings are incomplete: VERROU_DELIVERY_EMAIL=smtp needs "
                    + "SPRING_MAIL_HOST (spring.mail.host), the SMTP server emails go through");
        });
        if (sender instanceof JavaMailSenderImpl impl) {
            SmtpDelivery.boundTimeouts(impl, properties.timeout());
        }
        return new SmtpDelivery(sender, properties.emailFrom().orElseThrow());
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
            log.warn("{} go to the outbox: nothing reaches a phone (administrators read them under Administration, "
                    + "Outbox). Set {} to webhook or twilio in production.", what, variable);
        } else {
            log.info("{} go through {}", what, provider.id());
        }
    }
}
