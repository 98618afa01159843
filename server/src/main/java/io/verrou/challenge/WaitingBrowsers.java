package io.verrou.challenge;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.ui.Model;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * Pages waiting for a push or a call to be answered — at sign-in, in the wizard, at reset. The page's script asks
 * where it stands and the question is held until the answer comes, so the page moves on at once rather than at its
 * next poll; without the script, the page reloads itself. An answer given through another node is seen when the
 * held question times out and looks again.
 */
@Component
public class WaitingBrowsers {

    /** The longest a status question is held: under the usual 30 seconds of proxies and browsers. */
    static final int MAX_WAIT_SECONDS = 25;
    /** How often a waiting page reloads itself when its script does not run. */
    static final int REFRESH_SECONDS = 3;
    /** How soon a page's script asks again after an answer, and at most after failures, backing off between. */
    static final int RETRY_MILLIS = 1000;
    static final int MAX_RETRY_MILLIS = 10_000;

    private final ConcurrentMap<UUID, List<DeferredResult<Map<String, String>>>> waiting = new ConcurrentHashMap<>();

    /**
     * Marks a page as waiting: it reloads every few seconds without JavaScript, and tells its script (through the
     * {@code fragments/waiting} fragment) how long the server holds a status question and how soon to ask again.
     */
    public void showWaiting(Model model) {
        model.addAttribute("waiting", true);
        model.addAttribute("refreshSeconds", REFRESH_SECONDS);
        model.addAttribute("waitSeconds", MAX_WAIT_SECONDS);
        model.addAttribute("retryMillis", RETRY_MILLIS);
        model.addAttribute("maxRetryMillis", MAX_RETRY_MILLIS);
    }

    /**
     * The answer to a page's status question, {@code {"state": …}}: {@code NONE} when nothing is awaited, else the
     * state now if it is no longer pending, else as soon as it is answered or after {@code seconds} (at most
     * {@value #MAX_WAIT_SECONDS}).
     *
     * @param current reads the state from the database
     */
    public DeferredResult<Map<String, String>> status(Optional<UUID> awaited, int seconds, Supplier<String> current) {
        Duration timeout = Duration.ofSeconds(Math.max(0, Math.min(seconds, MAX_WAIT_SECONDS)));
        if (awaited.isEmpty() || timeout.isZero()) {
            // A zero timeout would mean "never" to the servlet container: answer now instead.
            DeferredResult<Map<String, String>> now = new DeferredResult<>();
            now.setResult(Map.of("state", awaited.isEmpty() ? "NONE" : current.get()));
            return now;
        }
        UUID id = awaited.get();
        DeferredResult<Map<String, String>> result = new DeferredResult<>(timeout.toMillis());
        result.onTimeout(() -> result.setResult(Map.of("state", current.get())));
        result.onCompletion(() -> forget(id, result));
        waiting.computeIfAbsent(id, key -> new CopyOnWriteArrayList<>()).add(result);
        // Looked at after registering, so that an answer between the two is not missed.
        String now = current.get();
        if (!"PENDING".equals(now)) {
            result.setResult(Map.of("state", now));
        }
        return result;
    }

    /** Answers the waiting pages once the answer is committed, so that what they load next sees it. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void answered(Answered answered) {
        List<DeferredResult<Map<String, String>>> pages = waiting.remove(answered.answeredId());
        if (pages != null) {
            pages.forEach(page -> page.setResult(Map.of("state", answered.answeredState())));
        }
    }

    private void forget(UUID id, DeferredResult<Map<String, String>> result) {
        waiting.computeIfPresent(id, (key, pages) -> {
            pages.remove(result);
            return pages.isEmpty() ? null : pages;
        });
    }
}
