package io.verrou.delivery;

/**
 * Sends text messages through the configured provider ({@code VERROU_DELIVERY_SMS}). There is exactly one.
 */
public interface SmsSender {

    /**
     * Hands the message to the provider.
     *
     * @throws DeliveryFailedException when the provider could not take it; nothing was sent
     */
    DeliveryReceipt send(SmsMessage message);
}
