package io.verrou;

import io.verrou.delivery.DeliveryFailedException;
import io.verrou.delivery.DeliveryReceipt;
import io.verrou.delivery.SmsMessage;
import io.verrou.delivery.SmsSender;

/**
 * The application's text-message provider, which a test can make fail as a real provider does (refused
 * connection, 5xx, timeout), to see what people get when it happens.
 */
public final class SwitchableSmsSender implements SmsSender {

    private final SmsSender real;
    private volatile boolean failing;

    SwitchableSmsSender(SmsSender real) {
        this.real = real;
    }

    public void failing(boolean failing) {
        this.failing = failing;
    }

    @Override
    public DeliveryReceipt send(SmsMessage message) {
        if (failing) {
            throw new DeliveryFailedException("test provider refused the connection");
        }
        return real.send(message);
    }
}
