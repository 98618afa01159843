package io.verrou.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;

import io.verrou.delivery.outbox.JdbcOutbox;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

import tools.jackson.databind.json.JsonMapper;

class DeliveryConfigurationTest {

    private static final String SECRET = "a-secret-that-must-never-be-printed";

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(DeliveryProperties.class)
    static class Collaborators {

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }

        @Bean
        JdbcOutbox outbox(Clock clock) {
            return new JdbcOutbox(null, clock);
        }

        @Bean
        DeliveryTexts texts() {
            return TestDeliveries.texts();
        }

        @Bean
        JsonMapper jsonMapper() {
            return JsonMapper.builder().build();
        }
    }

    /** One marker bean per provider condition. */
    @Configuration(proxyBeanMethods = false)
    static class Markers {

        @Bean
        @Conditional(DeliveryConditions.OutboxInUse.class)
        String outboxPages() {
            return "outbox pages";
        }

        @Bean
        @Conditional(DeliveryConditions.WebhookVoice.class)
        Integer webhookAnswers() {
            return 1;
        }

        @Bean
        @Conditional(DeliveryConditions.TwilioVoice.class)
        Long twilioAnswers() {
            return 2L;
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Collaborators.class, DeliveryConfiguration.class, Markers.class);

    @Test
    void byDefaultTheOneSenderAndTheOneCallerAreTheOutboxAndItsPagesExist() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(SmsSender.class).hasSingleBean(VoiceCaller.class);
            assertThat(context).hasSingleBean(String.class).doesNotHaveBean(Integer.class).doesNotHaveBean(Long.class);
        });
    }

    @Test
    void realProvidersForBothChannelsLeaveNoOutboxPagesAndOnlyTheirOwnCallbacks() {
        runner.withPropertyValues("verrou.delivery.sms=twilio", "verrou.delivery.voice=webhook",
                        "verrou.delivery.public-url=https://verrou.example",
                        "verrou.delivery.webhook.url=https://gateway.example/hook", "verrou.delivery.webhook.secret=" + SECRET,
                        "verrou.delivery.twilio.account-sid=AC0123", "verrou.delivery.twilio.auth-token=" + SECRET,
                        "verrou.delivery.twilio.from=+15005550006")
                .run(context -> {
                    assertThat(context).hasSingleBean(SmsSender.class).hasSingleBean(VoiceCaller.class);
                    assertThat(context).doesNotHaveBean(String.class).hasSingleBean(Integer.class).doesNotHaveBean(Long.class);
                });
    }

    @Test
    void twilioCallsWithOutboxMessagesKeepTheOutboxPagesAndTwilioCallbacks() {
        runner.withPropertyValues("verrou.delivery.voice=twilio", "verrou.delivery.public-url=https://verrou.example",
                        "verrou.delivery.twilio.account-sid=AC0123", "verrou.delivery.twilio.auth-token=" + SECRET,
                        "verrou.delivery.twilio.from=+15005550006")
                .run(context -> {
                    assertThat(context).hasSingleBean(SmsSender.class).hasSingleBean(VoiceCaller.class);
                    assertThat(context).hasSingleBean(String.class).doesNotHaveBean(Integer.class).hasSingleBean(Long.class);
                });
    }
}
