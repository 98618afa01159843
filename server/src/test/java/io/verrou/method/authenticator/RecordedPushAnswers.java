package io.verrou.method.authenticator;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.verrou.method.authenticator.PushRequests.PushState;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Every {@link PushAnswered} published, for the tests to look at (found by component scan). */
@Component
class RecordedPushAnswers {

    private final List<PushAnswered> answers = new CopyOnWriteArrayList<>();

    @EventListener
    void answered(PushAnswered answered) {
        answers.add(answered);
    }

    Optional<PushAnswered> of(UUID requestId) {
        return answers.stream().filter(a -> a.request().id().equals(requestId)).findFirst();
    }

    PushState stateOf(UUID requestId) {
        return of(requestId).map(a -> a.request().state()).orElse(null);
    }
}
