package io.verrou.delivery.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;

import io.verrou.delivery.DeliveryConditions;
import io.verrou.delivery.DeliveryProperties;
import io.verrou.delivery.DeliveryTexts;
import io.verrou.delivery.EmailSender;
import io.verrou.delivery.SmsSender;
import io.verrou.delivery.TestDeliveries;
import io.verrou.delivery.VoiceCaller;
import io.verrou.delivery.outbox.JdbcOutbox;

import tools.jackson.databind.json.JsonMapper;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

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

    private static final String[] SMTP = {"verrou.delivery.email=smtp", "verrou.delivery.email-from=no-reply@verrou.example",
            "spring.mail.host=localhost"};

    /** With Spring Boot's mail sender, which exists only when spring.mail.host is set. */
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MailSenderAutoConfiguration.class))
            .withUserConfiguration(Collaborators.class, DeliveryConfiguration.class, Markers.class);

    @Test
    void byDefaultTheOneSenderAndTheOneCallerAreTheOutboxAndItsPagesExist() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(SmsSender.class).hasSingleBean(VoiceCaller.class).hasSingleBean(EmailSender.class);
            assertThat(context).hasSingleBean(String.class).doesNotHaveBean(Integer.class).doesNotHaveBean(Long.class);
        });
    }

    @Test
    void realProvidersForEveryChannelLeaveNoOutboxPagesAndOnlyTheirOwnCallbacks() {
        runner.withPropertyValues(SMTP)
                .withPropertyValues("verrou.delivery.sms=twilio", "verrou.delivery.voice=webhook",
                        "verrou.delivery.public-url=https://verrou.example",
                        "verrou.delivery.webhook.url=https://gateway.example/hook", "verrou.delivery.webhook.secret=" + SECRET,
                        "verrou.delivery.twilio.account-sid=AC0123", "verrou.delivery.twilio.auth-token=" + SECRET,
                        "verrou.delivery.twilio.from=+15005550006")
                .run(context -> {
                    assertThat(context).hasSingleBean(SmsSender.class).hasSingleBean(VoiceCaller.class).hasSingleBean(EmailSender.class);
                    assertThat(context).doesNotHaveBean(String.class).hasSingleBean(Integer.class).doesNotHaveBean(Long.class);
                });
    }

    @Test
    void emailsInTheOutboxKeepTheOutboxPagesWhenTextsAndCallsUseRealProviders() {
        runner.withPropertyValues("verrou.delivery.sms=webhook", "verrou.delivery.voice=webhook",
                        "verrou.delivery.public-url=https://verrou.example",
                        "verrou.delivery.webhook.url=https://gateway.example/hook", "verrou.delivery.webhook.secret=" + SECRET)
                .run(context -> assertThat(context).hasSingleBean(String.class).hasSingleBean(EmailSender.class));
    }

    @Test
    void smtpWithoutAMailServerStopsTheStartNamingTheVariable() {
        runner.withPropertyValues("verrou.delivery.email=smtp", "verrou.delivery.email-from=no-reply@verrou.example",
                        "spring.mail.password=" + SECRET)
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(messages(context.getStartupFailure()))
                            .contains("VERROU_DELIVERY_EMAIL=smtp needs SPRING_MAIL_HOST (spring.mail.host)")
                            .doesNotContain(SECRET);
                });
    }

    @Test
    void theSmtpServerGetsTheDeliveryTimeoutForEveryWaitTheMailPropertiesLeaveUnset() {
        runner.withPropertyValues(SMTP)
                .withPropertyValues("verrou.delivery.timeout=3s", "spring.mail.properties.mail.smtp.timeout=2500")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(EmailSender.class);
                    JavaMailSenderImpl sender = (JavaMailSenderImpl) context.getBean(JavaMailSender.class);
                    assertThat(sender.getJavaMailProperties())
                            .containsEntry("mail.smtp.connectiontimeout", "3000")
                            .containsEntry("mail.smtp.timeout", "2500")
                            .containsEntry("mail.smtp.writetimeout", "3000");
                });
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
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
