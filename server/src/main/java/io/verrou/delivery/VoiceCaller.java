package io.verrou.delivery;

/**
 * Places calls through the configured provider ({@code VERROU_DELIVERY_VOICE}). There is exactly one. The
 * keys the person presses come back later, to every {@link CallAnswerListener}.
 */
public interface VoiceCaller {

    /**
     * Asks the provider to place the call.
     *
     * @throws DeliveryFailedException when the provider could not take it; no call was placed
     */
    DeliveryReceipt call(VoiceCall call);
}
