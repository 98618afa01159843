package io.verrou.method.authenticator;

import java.util.UUID;

import io.verrou.challenge.Answered;
import io.verrou.method.authenticator.PushRequests.PushRequest;

/**
 * Published when an app answered a push request, after its state changed and within the same transaction: a
 * plain {@code @EventListener} joins it, a {@code @TransactionalEventListener} runs once it is committed.
 *
 * @param request the request in its new state: APPROVED, WRONG_NUMBER, DENIED or REPORTED
 */
public record PushAnswered(PushRequest request) implements Answered {

    @Override
    public UUID answeredId() {
        return request.id();
    }

    @Override
    public String answeredState() {
        return request.state().name();
    }
}
