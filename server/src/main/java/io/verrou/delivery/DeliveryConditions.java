package io.verrou.delivery;

import java.util.Optional;

import io.verrou.delivery.DeliveryProperties.EmailProvider;
import io.verrou.delivery.DeliveryProperties.Provider;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Conditions on the configured providers, for the endpoints that exist only with one of them: the outbox pages,
 * the webhook's and Twilio's call answers. A value that can't be read matches nothing here; binding
 * {@link DeliveryProperties} then stops the start with a clear message.
 */
public final class DeliveryConditions {

    private DeliveryConditions() {
    }

    /** The provider a channel ({@code sms} or {@code voice}) is set to, outbox when unset. */
    static Optional<Provider> provider(Environment environment, String channel) {
        return setting(environment, channel, Provider.class, Provider.OUTBOX);
    }

    /** The provider emails go through, outbox when unset. */
    static Optional<EmailProvider> emailProvider(Environment environment) {
        return setting(environment, "email", EmailProvider.class, EmailProvider.OUTBOX);
    }

    private static <T> Optional<T> setting(Environment environment, String channel, Class<T> type, T unset) {
        try {
            return Optional.of(Binder.get(environment).bind("verrou.delivery." + channel, type).orElse(unset));
        } catch (BindException e) {
            return Optional.empty();
        }
    }

    private static boolean uses(ConditionContext context, String channel, Provider provider) {
        return provider(context.getEnvironment(), channel).filter(p -> p == provider).isPresent();
    }

    /** Text messages, calls or emails (or several of them) go to the outbox. */
    public static final class OutboxInUse implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return outboxInUse(context.getEnvironment());
        }
    }

    /** Whether text messages, calls or emails (or several of them) go to the outbox. */
    public static boolean outboxInUse(Environment environment) {
        return provider(environment, "sms").filter(p -> p == Provider.OUTBOX).isPresent()
                || provider(environment, "voice").filter(p -> p == Provider.OUTBOX).isPresent()
                || emailProvider(environment).filter(p -> p == EmailProvider.OUTBOX).isPresent();
    }

    /**
     * The outbox pages ({@code /dev/outbox}, its JSON and its key presses) are served: something goes to the outbox,
     * and either demo mode is on ({@code VERROU_DEMO=true}, what {@code ./verrou run} sets) or
     * {@code VERROU_OUTBOX_PAGE=on}. Anywhere else they would hand every code to anyone who asks.
     */
    public static final class OutboxPage implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return new OutboxInUse().matches(context, metadata) && outboxPageOn(context.getEnvironment());
        }
    }

    /** Whether the outbox pages are asked for: demo mode, or {@code VERROU_OUTBOX_PAGE=on}. */
    public static boolean outboxPageOn(Environment environment) {
        Binder binder = Binder.get(environment);
        try {
            return binder.bind("verrou.demo", Boolean.class).orElse(false)
                    || binder.bind("verrou.outbox-page", Boolean.class).orElse(false);
        } catch (BindException e) {
            return false;
        }
    }

    /** Calls are placed through the signed webhook. */
    public static final class WebhookVoice implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return uses(context, "voice", Provider.WEBHOOK);
        }
    }

    /** Calls are placed through Twilio. */
    public static final class TwilioVoice implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return uses(context, "voice", Provider.TWILIO);
        }
    }
}
