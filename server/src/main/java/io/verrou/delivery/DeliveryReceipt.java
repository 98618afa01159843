package io.verrou.delivery;

/**
 * What the provider said when it accepted a delivery.
 *
 * @param provider   {@code outbox}, {@code webhook} or {@code twilio}
 * @param providerId the provider's identifier of the delivery (outbox row, webhook id, Twilio SID)
 */
public record DeliveryReceipt(String provider, String providerId) {
}
