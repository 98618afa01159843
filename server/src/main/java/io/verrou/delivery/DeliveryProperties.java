package io.verrou.delivery;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which provider sends text messages, places calls and sends emails, and the providers' settings. Bound from
 * {@code verrou.delivery.*} properties or the matching environment variables. A provider that lacks a setting
 * it needs stops the start with a message that names the variable (never a value).
 *
 * @param sms       {@code VERROU_DELIVERY_SMS}: outbox (default), webhook or twilio
 * @param voice     {@code VERROU_DELIVERY_VOICE}: outbox (default), webhook or twilio
 * @param email     {@code VERROU_DELIVERY_EMAIL}: outbox (default) or smtp; the SMTP server itself is Spring
 *                  Boot's {@code spring.mail.*} ({@code SPRING_MAIL_HOST}, {@code SPRING_MAIL_PORT},
 *                  {@code SPRING_MAIL_USERNAME}, {@code SPRING_MAIL_PASSWORD}, {@code spring.mail.properties.*})
 * @param timeout   {@code VERROU_DELIVERY_TIMEOUT}: how long a provider may take to connect, then to answer;
 *                  for SMTP, the connection, read and write timeouts that {@code spring.mail.properties} leaves
 *                  unset
 * @param publicUrl {@code VERROU_DELIVERY_PUBLIC_URL}: the base URL at which Verrou is reachable from the
 *                  providers, for the answers to calls (webhook and Twilio voice)
 * @param emailFrom {@code VERROU_DELIVERY_EMAIL_FROM}: the From of emails sent over SMTP, like
 *                  {@code Contoso sign-in <no-reply@contoso.example>}
 * @param webhook   the signed-webhook provider's settings
 * @param twilio    Twilio's settings
 */
@ConfigurationProperties("verrou.delivery")
public record DeliveryProperties(
        @DefaultValue("outbox") Provider sms,
        @DefaultValue("outbox") Provider voice,
        @DefaultValue("outbox") EmailProvider email,
        @DefaultValue("10s") Duration timeout,
        Optional<String> publicUrl,
        Optional<String> emailFrom,
        @DefaultValue Webhook webhook,
        @DefaultValue Twilio twilio) {

    /** Shortest webhook secret accepted: an HMAC key that can't be guessed. */
    public static final int MIN_SECRET_LENGTH = 16;

    /** Where deliveries go. */
    public enum Provider {
        /** Stored in the database and shown at {@code /dev/outbox}: nothing reaches a phone. */
        OUTBOX,
        /** A signed JSON POST to a URL of the organisation's choosing. */
        WEBHOOK,
        /** Twilio's Messages and Calls APIs. */
        TWILIO;

        /** The name used in settings and logs: {@code outbox}, {@code webhook}, {@code twilio}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Where emails go. */
    public enum EmailProvider {
        /** Stored in the database and shown at {@code /dev/outbox}: nothing reaches a mailbox. */
        OUTBOX,
        /** The SMTP server of {@code spring.mail.*}. */
        SMTP;

        /** The name used in settings and logs: {@code outbox}, {@code smtp}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param url    {@code VERROU_DELIVERY_WEBHOOK_URL}: where deliveries are POSTed
     * @param secret {@code VERROU_DELIVERY_WEBHOOK_SECRET}: the HMAC-SHA256 key that signs requests and answers
     */
    public record Webhook(Optional<String> url, Optional<String> secret) {

        public Webhook {
            url = present(url);
            secret = present(secret);
        }

        @Override
        public String toString() {
            return "Webhook[url=" + url.map(u -> "(set)").orElse("(none)") + ", secret=" + secret.map(s -> "(set)").orElse("(none)") + "]";
        }
    }

    /**
     * @param accountSid {@code VERROU_DELIVERY_TWILIO_ACCOUNT_SID}
     * @param authToken  {@code VERROU_DELIVERY_TWILIO_AUTH_TOKEN}: signs API requests and checks Twilio's callbacks
     * @param from       {@code VERROU_DELIVERY_TWILIO_FROM}: the Twilio number messages and calls come from
     * @param baseUrl    {@code VERROU_DELIVERY_TWILIO_BASE_URL}: Twilio's API, {@code https://api.twilio.com}
     * @param publicUrl  {@code VERROU_DELIVERY_TWILIO_PUBLIC_URL}: Verrou's base URL for Twilio only, when it
     *                   differs from {@code VERROU_DELIVERY_PUBLIC_URL}
     */
    public record Twilio(
            Optional<String> accountSid,
            Optional<String> authToken,
            Optional<String> from,
            @DefaultValue("https://api.twilio.com") String baseUrl,
            Optional<String> publicUrl) {

        public Twilio {
            accountSid = present(accountSid);
            authToken = present(authToken);
            from = present(from);
            publicUrl = present(publicUrl);
        }

        @Override
        public String toString() {
            return "Twilio[accountSid=" + accountSid.map(t -> "(set)").orElse("(none)") + ", authToken="
                    + authToken.map(t -> "(set)").orElse("(none)") + ", from=" + from.orElse("(none)")
                    + ", baseUrl=" + baseUrl + ", publicUrl=" + publicUrl.orElse("(none)") + "]";
        }
    }

    public DeliveryProperties {
        sms = sms == null ? Provider.OUTBOX : sms;
        voice = voice == null ? Provider.OUTBOX : voice;
        email = email == null ? EmailProvider.OUTBOX : email;
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        publicUrl = present(publicUrl);
        emailFrom = present(emailFrom);
        webhook = webhook == null ? new Webhook(Optional.empty(), Optional.empty()) : webhook;
        twilio = twilio == null
                ? new Twilio(Optional.empty(), Optional.empty(), Optional.empty(), "https://api.twilio.com", Optional.empty())
                : twilio;
        List<String> problems = problems(sms, voice, timeout, publicUrl, webhook, twilio);
        problems.addAll(emailProblems(email, emailFrom));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Delivery settings are incomplete: " + String.join("; ", problems));
        }
    }

    /** Whether any channel uses the outbox, so that {@code /dev/outbox} has something to show. */
    public boolean usesOutbox() {
        return sms == Provider.OUTBOX || voice == Provider.OUTBOX || email == EmailProvider.OUTBOX;
    }

    /** The webhook's URL; only when a channel uses the webhook (checked at start). */
    public URI webhookUrl() {
        return uri(webhook.url().orElseThrow());
    }

    /** Verrou's base URL for the webhook's call answers, without a trailing slash. */
    public Optional<URI> webhookPublicUrl() {
        return publicUrl.map(DeliveryProperties::base);
    }

    /** Verrou's base URL for Twilio's callbacks, without a trailing slash. */
    public Optional<URI> twilioPublicUrl() {
        return twilio.publicUrl().or(() -> publicUrl).map(DeliveryProperties::base);
    }

    public URI twilioBaseUrl() {
        return base(twilio.baseUrl());
    }

    private static List<String> problems(Provider sms, Provider voice, Duration timeout, Optional<String> publicUrl,
            Webhook webhook, Twilio twilio) {
        List<String> problems = new ArrayList<>();
        if (timeout.isNegative() || timeout.isZero()) {
            problems.add("VERROU_DELIVERY_TIMEOUT (verrou.delivery.timeout) must be longer than zero, like 10s");
        }
        publicUrl.filter(u -> !isHttpUrl(u)).ifPresent(u -> problems.add(
                "VERROU_DELIVERY_PUBLIC_URL (verrou.delivery.public-url) must be an absolute http(s) URL"));
        twilio.publicUrl().filter(u -> !isHttpUrl(u)).ifPresent(u -> problems.add(
                "VERROU_DELIVERY_TWILIO_PUBLIC_URL (verrou.delivery.twilio.public-url) must be an absolute http(s) URL"));
        if (sms == Provider.WEBHOOK || voice == Provider.WEBHOOK) {
            String uses = uses(sms, voice, Provider.WEBHOOK);
            if (webhook.url().isEmpty()) {
                problems.add(uses + " needs VERROU_DELIVERY_WEBHOOK_URL (verrou.delivery.webhook.url)");
            } else if (!isHttpUrl(webhook.url().get())) {
                problems.add("VERROU_DELIVERY_WEBHOOK_URL (verrou.delivery.webhook.url) must be an absolute http(s) URL");
            }
            if (webhook.secret().isEmpty()) {
                problems.add(uses + " needs VERROU_DELIVERY_WEBHOOK_SECRET (verrou.delivery.webhook.secret)");
            } else if (webhook.secret().get().length() < MIN_SECRET_LENGTH) {
                problems.add("VERROU_DELIVERY_WEBHOOK_SECRET (verrou.delivery.webhook.secret) must be at least "
                        + MIN_SECRET_LENGTH + " characters long");
            }
            if (voice == Provider.WEBHOOK && publicUrl.isEmpty()) {
                problems.add("VERROU_DELIVERY_VOICE=webhook needs VERROU_DELIVERY_PUBLIC_URL (verrou.delivery.public-url), "
                        + "the address at which the webhook answers calls");
            }
        }
        if (sms == Provider.TWILIO || voice == Provider.TWILIO) {
            String uses = uses(sms, voice, Provider.TWILIO);
            if (twilio.accountSid().isEmpty()) {
                problems.add(uses + " needs VERROU_DELIVERY_TWILIO_ACCOUNT_SID (verrou.delivery.twilio.account-sid)");
            }
            if (twilio.authToken().isEmpty()) {
                problems.add(uses + " needs VERROU_DELIVERY_TWILIO_AUTH_TOKEN (verrou.delivery.twilio.auth-token)");
            }
            if (twilio.from().isEmpty()) {
                problems.add(uses + " needs VERROU_DELIVERY_TWILIO_FROM (verrou.delivery.twilio.from)");
            }
            if (!isHttpUrl(twilio.baseUrl())) {
                problems.add("VERROU_DELIVERY_TWILIO_BASE_URL (verrou.delivery.twilio.base-url) must be an absolute http(s) URL");
            }
            if (voice == Provider.TWILIO && publicUrl.isEmpty() && twilio.publicUrl().isEmpty()) {
                problems.add("VERROU_DELIVERY_VOICE=twilio needs VERROU_DELIVERY_PUBLIC_URL (verrou.delivery.public-url), "
                        + "the address at which Twilio reaches Verrou when a call is answered");
            }
        }
        return problems;
    }

    private static List<String> emailProblems(EmailProvider email, Optional<String> emailFrom) {
        List<String> problems = new ArrayList<>();
        // Checked whatever the provider, as the URLs are: a wrong value is found before the day smtp is turned on.
        emailFrom.filter(from -> !isAddress(from)).ifPresent(from -> problems.add(
                "VERROU_DELIVERY_EMAIL_FROM (verrou.delivery.email-from) must be one email address, like "
                        + "Verrou <no-reply@example.org>"));
        if (email == EmailProvider.SMTP && emailFrom.isEmpty()) {
            problems.add("VERROU_DELIVERY_EMAIL=smtp needs VERROU_DELIVERY_EMAIL_FROM (verrou.delivery.email-from), "
                    + "the address emails come from");
        }
        return problems;
    }

    /** One address, strictly parsed, optionally with a personal name: {@code Contoso <no-reply@contoso.example>}. */
    static boolean isAddress(String value) {
        try {
            InternetAddress[] addresses = InternetAddress.parse(value.strip(), true);
            if (addresses.length != 1) {
                return false;
            }
            addresses[0].validate();
            return addresses[0].getAddress().indexOf('@') > 0;
        } catch (AddressException e) {
            return false;
        }
    }

    private static String uses(Provider sms, Provider voice, Provider provider) {
        if (sms == provider && voice == provider) {
            return "VERROU_DELIVERY_SMS=" + provider.id() + " and VERROU_DELIVERY_VOICE=" + provider.id();
        }
        return (sms == provider ? "VERROU_DELIVERY_SMS=" : "VERROU_DELIVERY_VOICE=") + provider.id();
    }

    private static Optional<String> present(Optional<String> value) {
        return value == null ? Optional.empty() : value.map(String::strip).filter(v -> !v.isEmpty());
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI uri = new URI(value.strip());
            return uri.isAbsolute() && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static URI uri(String value) {
        return URI.create(value.strip());
    }

    private static URI base(String value) {
        String stripped = value.strip();
        while (stripped.endsWith("/")) {
            stripped = stripped.substring(0, stripped.length() - 1);
        }
        return URI.create(stripped);
    }
}
