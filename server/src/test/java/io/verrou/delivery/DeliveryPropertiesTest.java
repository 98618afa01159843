package io.verrou.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.verrou.delivery.DeliveryProperties.EmailProvider;
import io.verrou.delivery.DeliveryProperties.Provider;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class DeliveryPropertiesTest {

    private static final String SECRET = "a-secret-that-must-never-be-printed";

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(DeliveryProperties.class)
    static class PropertiesOnly {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(PropertiesOnly.class);

    /** Binds as Spring Boot does from these environment variables. */
    private static DeliveryProperties fromEnvironment(Map<String, Object> variables) {
        SystemEnvironmentPropertySource source = new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables);
        return new Binder(ConfigurationPropertySources.from(source)).bindOrCreate("verrou.delivery", DeliveryProperties.class);
    }

    @Test
    void bothChannelsUseTheOutboxByDefaultWithATenSecondTimeout() {
        DeliveryProperties properties = fromEnvironment(Map.of());

        assertThat(properties.sms()).isEqualTo(Provider.OUTBOX);
        assertThat(properties.voice()).isEqualTo(Provider.OUTBOX);
        assertThat(properties.email()).isEqualTo(EmailProvider.OUTBOX);
        assertThat(properties.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(properties.twilioBaseUrl()).hasToString("https://api.twilio.com");
        assertThat(properties.usesOutbox()).isTrue();
    }

    @Test
    void everySettingCanBeGivenAsTheEnvironmentVariableTheDocumentationNames() {
        DeliveryProperties properties = fromEnvironment(Map.ofEntries(
                Map.entry("VERROU_DELIVERY_SMS", "twilio"),
                Map.entry("VERROU_DELIVERY_VOICE", "webhook"),
                Map.entry("VERROU_DELIVERY_EMAIL", "smtp"),
                Map.entry("VERROU_DELIVERY_EMAIL_FROM", "Contoso sign-in <no-reply@contoso.example>"),
                Map.entry("VERROU_DELIVERY_TIMEOUT", "3s"),
                Map.entry("VERROU_DELIVERY_PUBLIC_URL", "https://verrou.example/"),
                Map.entry("VERROU_DELIVERY_WEBHOOK_URL", "https://gateway.example/hook"),
                Map.entry("VERROU_DELIVERY_WEBHOOK_SECRET", SECRET),
                Map.entry("VERROU_DELIVERY_TWILIO_ACCOUNT_SID", "AC0123"),
                Map.entry("VERROU_DELIVERY_TWILIO_AUTH_TOKEN", "token-value"),
                Map.entry("VERROU_DELIVERY_TWILIO_FROM", "+15005550006"),
                Map.entry("VERROU_DELIVERY_TWILIO_BASE_URL", "http://127.0.0.1:9999")));

        assertThat(properties.sms()).isEqualTo(Provider.TWILIO);
        assertThat(properties.voice()).isEqualTo(Provider.WEBHOOK);
        assertThat(properties.email()).isEqualTo(EmailProvider.SMTP);
        assertThat(properties.emailFrom()).contains("Contoso sign-in <no-reply@contoso.example>");
        assertThat(properties.timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(properties.webhookPublicUrl()).hasValueSatisfying(u -> assertThat(u).hasToString("https://verrou.example"));
        assertThat(properties.webhookUrl()).hasToString("https://gateway.example/hook");
        assertThat(properties.webhook().secret()).contains(SECRET);
        assertThat(properties.twilio().accountSid()).contains("AC0123");
        assertThat(properties.twilio().authToken()).contains("token-value");
        assertThat(properties.twilio().from()).contains("+15005550006");
        assertThat(properties.twilioBaseUrl()).hasToString("http://127.0.0.1:9999");
        assertThat(properties.usesOutbox()).isFalse();
    }

    @Test
    void twilioWithoutAnAccountSidStopsTheStartNamingTheVariableButNotTheToken() {
        runner.withPropertyValues("verrou.delivery.sms=twilio", "verrou.delivery.twilio.auth-token=" + SECRET,
                        "verrou.delivery.twilio.from=+15005550006")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(messages(context.getStartupFailure()))
                            .contains("VERROU_DELIVERY_SMS=twilio needs VERROU_DELIVERY_TWILIO_ACCOUNT_SID")
                            .doesNotContain(SECRET);
                });
    }

    @Test
    void twilioCallsNeedThePublicUrlTwilioCallsBack() {
        runner.withPropertyValues("verrou.delivery.voice=twilio", "verrou.delivery.twilio.account-sid=AC0123",
                        "verrou.delivery.twilio.auth-token=" + SECRET, "verrou.delivery.twilio.from=+15005550006")
                .run(context -> assertThat(messages(context.getStartupFailure()))
                        .contains("VERROU_DELIVERY_VOICE=twilio needs VERROU_DELIVERY_PUBLIC_URL")
                        .doesNotContain(SECRET));
    }

    @Test
    void theWebhookNeedsItsUrlAndALongEnoughSecretWhichIsNeverEchoed() {
        runner.withPropertyValues("verrou.delivery.sms=webhook", "verrou.delivery.webhook.secret=short-secret")
                .run(context -> assertThat(messages(context.getStartupFailure()))
                        .contains("VERROU_DELIVERY_SMS=webhook needs VERROU_DELIVERY_WEBHOOK_URL")
                        .contains("VERROU_DELIVERY_WEBHOOK_SECRET (verrou.delivery.webhook.secret) must be at least 16")
                        .doesNotContain("short-secret"));
        runner.withPropertyValues("verrou.delivery.voice=webhook", "verrou.delivery.webhook.url=not a url")
                .run(context -> assertThat(messages(context.getStartupFailure()))
                        .contains("VERROU_DELIVERY_WEBHOOK_URL (verrou.delivery.webhook.url) must be an absolute http(s) URL")
                        .contains("VERROU_DELIVERY_VOICE=webhook needs VERROU_DELIVERY_WEBHOOK_SECRET")
                        .contains("VERROU_DELIVERY_VOICE=webhook needs VERROU_DELIVERY_PUBLIC_URL"));
    }

    @Test
    void anUnknownProviderStopsTheStartNamingTheSetting() {
        runner.withPropertyValues("verrou.delivery.sms=carrier-pigeon")
                .run(context -> assertThat(messages(context.getStartupFailure())).contains("verrou.delivery.sms"));
    }

    @Test
    void aCompleteConfigurationStarts() {
        runner.withPropertyValues("verrou.delivery.sms=webhook", "verrou.delivery.voice=twilio",
                        "verrou.delivery.webhook.url=https://gateway.example/hook", "verrou.delivery.webhook.secret=" + SECRET,
                        "verrou.delivery.twilio.account-sid=AC0123", "verrou.delivery.twilio.auth-token=" + SECRET,
                        "verrou.delivery.twilio.from=+15005550006", "verrou.delivery.twilio.public-url=https://twilio.verrou.example")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    DeliveryProperties properties = context.getBean(DeliveryProperties.class);
                    assertThat(properties.twilioPublicUrl())
                            .hasValueSatisfying(u -> assertThat(u).hasToString("https://twilio.verrou.example"));
                });
    }

    @Test
    void smtpEmailWithoutAFromAddressStopsTheStartNamingTheVariable() {
        runner.withPropertyValues("verrou.delivery.email=smtp")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(messages(context.getStartupFailure()))
                            .contains("VERROU_DELIVERY_EMAIL=smtp needs VERROU_DELIVERY_EMAIL_FROM (verrou.delivery.email-from)");
                });
    }

    @Test
    void aFromAddressThatIsNotOneAddressIsRefusedWithoutEchoingIt() {
        for (String wrong : new String[] {"postmaster", "a@example.org, b@example.org", "Contoso <postmaster@>", "<>"}) {
            runner.withPropertyValues("verrou.delivery.email=smtp", "verrou.delivery.email-from=" + wrong)
                    .run(context -> assertThat(messages(context.getStartupFailure())).as(wrong)
                            .contains("VERROU_DELIVERY_EMAIL_FROM (verrou.delivery.email-from) must be one email address")
                            .doesNotContain(wrong));
        }
    }

    @Test
    void aFromAddressMayCarryANameWithAccents() {
        runner.withPropertyValues("verrou.delivery.email=smtp", "verrou.delivery.email-from=Sécurité Contoso <securite@contoso.example>")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void emailsGoThroughTheOutboxOrSmtpAndNothingElse() {
        runner.withPropertyValues("verrou.delivery.email=twilio")
                .run(context -> assertThat(messages(context.getStartupFailure())).contains("verrou.delivery.email"));
    }

    @Test
    void emailsInTheOutboxAloneAreEnoughForTheOutboxToBeInUse() {
        DeliveryProperties properties = fromEnvironment(Map.of(
                "VERROU_DELIVERY_SMS", "webhook",
                "VERROU_DELIVERY_VOICE", "webhook",
                "VERROU_DELIVERY_PUBLIC_URL", "https://verrou.example",
                "VERROU_DELIVERY_WEBHOOK_URL", "https://gateway.example/hook",
                "VERROU_DELIVERY_WEBHOOK_SECRET", SECRET));

        assertThat(properties.email()).isEqualTo(EmailProvider.OUTBOX);
        assertThat(properties.usesOutbox()).isTrue();
    }

    @Test
    void printingTheSettingsShowsNoSecret() {
        DeliveryProperties properties = TestDeliveries.properties(Provider.WEBHOOK, Provider.TWILIO,
                Optional.of("https://verrou.example"),
                new DeliveryProperties.Webhook(Optional.of("https://gateway.example/hook?token=" + SECRET), Optional.of(SECRET)),
                new DeliveryProperties.Twilio(Optional.of("AC0123"), Optional.of(SECRET), Optional.of("+15005550006"),
                        "https://api.twilio.com", Optional.empty()));

        assertThat(properties.toString()).doesNotContain(SECRET).doesNotContain("AC0123");
    }

    @Test
    void aTimeoutOfZeroIsRefused() {
        assertThatThrownBy(() -> new DeliveryProperties(Provider.OUTBOX, Provider.OUTBOX, EmailProvider.OUTBOX, Duration.ZERO,
                Optional.empty(), Optional.empty(), null, null)).hasMessageContaining("VERROU_DELIVERY_TIMEOUT");
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
