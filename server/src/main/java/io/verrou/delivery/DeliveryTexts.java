package io.verrou.delivery;

import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The words of text messages and calls, in the person's language ({@code delivery.*} message keys), so that
 * every feature that sends a code or places a call says the same thing.
 */
@Component
public class DeliveryTexts {

    private final MessageSource messages;

    public DeliveryTexts(MessageSource messages) {
        this.messages = messages;
    }

    /** Any {@code delivery.*} text. */
    public String text(String key, Locale locale, Object... arguments) {
        return messages.getMessage(key, arguments, locale);
    }
}
