package io.verrou.delivery;

/**
 * Sends emails through the configured provider ({@code VERROU_DELIVERY_EMAIL}: {@code outbox} or
 * {@code smtp}).
 */
public interface EmailSender {

    /**
     * Hands the message to the provider.
     *
     * @throws DeliveryFailedException when the provider refuses it or cannot be reached
     */
    DeliveryReceipt send(EmailMessage message);
}
