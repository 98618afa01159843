package io.verrou.signin;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import io.verrou.method.authenticator.PushAnswered;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * Pages waiting for a push to be answered (the sign-in page, the wizard's test request): their status
 * request is held until the app answers, so the page moves on at once rather than at its next poll. A
 * push answered through another node is seen when the held request times out and looks again.
 */
@Component
public class PushWaitingBrowsers {

    private final ConcurrentMap<UUID, List<DeferredResult<Map<String, String>>>> waiting = new ConcurrentHashMap<>();

    /**
     * The state of a push, now if it is no longer pending, else as soon as it is answered or after
     * {@code timeout}.
     *
     * @param current reads the push's state from the database
     */
    public DeferredResult<Map<String, String>> await(UUID pushId, Duration timeout, Supplier<String> current) {
        if (timeout.isZero() || timeout.isNegative()) {
            // A zero timeout would mean "never" to the servlet container: answer now instead.
            DeferredResult<Map<String, String>> now = new DeferredResult<>();
            now.setResult(Map.of("state", current.get()));
            return now;
        }
        DeferredResult<Map<String, String>> result = new DeferredResult<>(timeout.toMillis());
        result.onTimeout(() -> result.setResult(Map.of("state", current.get())));
        result.onCompletion(() -> forget(pushId, result));
        waiting.computeIfAbsent(pushId, id -> new CopyOnWriteArrayList<>()).add(result);
        // Looked at after registering, so that an answer between the two is not missed.
        String now = current.get();
        if (!"PENDING".equals(now)) {
            result.setResult(Map.of("state", now));
        }
        return result;
    }

    /** Answers the waiting pages once the answer is committed, so that what they load next sees it. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void answered(PushAnswered answered) {
        List<DeferredResult<Map<String, String>>> pages = waiting.remove(answered.request().id());
        if (pages != null) {
            pages.forEach(page -> page.setResult(Map.of("state", answered.request().state().name())));
        }
    }

    private void forget(UUID pushId, DeferredResult<Map<String, String>> result) {
        waiting.computeIfPresent(pushId, (id, pages) -> {
            pages.remove(result);
            return pages.isEmpty() ? null : pages;
        });
    }
}
