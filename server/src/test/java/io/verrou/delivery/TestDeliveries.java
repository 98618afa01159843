package io.verrou.delivery;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.verrou.delivery.DeliveryProperties.EmailProvider;
import io.verrou.delivery.DeliveryProperties.Provider;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.context.support.ResourceBundleMessageSource;

/** Pieces of the delivery package for tests that run without Spring. */
public final class TestDeliveries {

    private TestDeliveries() {
    }

    /** The real delivery texts, English and French. */
    public static DeliveryTexts texts() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames("messages", "delivery-messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return new DeliveryTexts(messages);
    }

    /** Call answers that reach only this listener. */
    public static CallAnswers answersTo(CallAnswerListener listener) {
        return new CallAnswers(new StaticListableBeanFactory(Map.of("listener", listener))
                .getBeanProvider(CallAnswerListener.class));
    }

    /** Settings for text messages and calls; emails go to the outbox. */
    public static DeliveryProperties properties(Provider sms, Provider voice, Optional<String> publicUrl,
            DeliveryProperties.Webhook webhook, DeliveryProperties.Twilio twilio) {
        return new DeliveryProperties(sms, voice, EmailProvider.OUTBOX, Duration.ofSeconds(10), publicUrl,
                Optional.empty(), webhook, twilio);
    }
}
