package io.verrou.method.authenticator;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import io.verrou.method.authenticator.PushRequests.PushRequest;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The apps waiting in a long poll on this node (docs/authenticator-api.md §3), each until a request waits for its
 * device. A request made on this node wakes its device's waiters at once; one made on another node is found by a
 * check every second over the devices waiting here (one query, only while some wait). No thread is held while
 * waiting: the waiters are callbacks of asynchronous requests.
 */
@Component
class PushWaiters {

    static final long CHECK_EVERY_MILLIS = 1000;
    /** A well-behaved app has one poll open; a few more are allowed, the oldest is answered to make room. */
    static final int MAX_PER_DEVICE = 3;
    private static final int BATCH = 500;
    private static final Logger log = LoggerFactory.getLogger(PushWaiters.class);

    private final ConcurrentMap<UUID, Deque<Waiter>> waiting = new ConcurrentHashMap<>();
    private final JdbcPushRequests requests;
    private final Clock clock;
    private final ScheduledExecutorService checker;

    PushWaiters(JdbcPushRequests requests, Clock clock) {
        this.requests = requests;
        this.clock = clock;
        this.checker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "authenticator-long-poll");
            thread.setDaemon(true);
            return thread;
        });
        checker.scheduleWithFixedDelay(this::checkAll, CHECK_EVERY_MILLIS, CHECK_EVERY_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** One app's poll: called back once, with the requests found for its device. */
    static final class Waiter {
        private final UUID deviceId;
        private final Consumer<List<PushRequest>> onFound;
        private final AtomicBoolean done = new AtomicBoolean();

        private Waiter(UUID deviceId, Consumer<List<PushRequest>> onFound) {
            this.deviceId = deviceId;
            this.onFound = onFound;
        }

        /** Calls back, the first time only. */
        boolean complete(List<PushRequest> found) {
            if (done.compareAndSet(false, true)) {
                onFound.accept(found);
                return true;
            }
            return false;
        }
    }

    /** Waits for requests for {@code deviceId}; {@code onFound} is called once, from another thread. */
    Waiter register(UUID deviceId, Consumer<List<PushRequest>> onFound) {
        Waiter waiter = new Waiter(deviceId, onFound);
        List<Waiter> evicted = new ArrayList<>();
        waiting.compute(deviceId, (id, queue) -> {
            Deque<Waiter> waiters = queue == null ? new ArrayDeque<>() : queue;
            waiters.addLast(waiter);
            while (waiters.size() > MAX_PER_DEVICE) {
                evicted.add(waiters.removeFirst());
            }
            return waiters;
        });
        evicted.forEach(old -> old.complete(List.of()));
        return waiter;
    }

    /** Stops waiting (the poll ended one way or another). */
    void cancel(Waiter waiter) {
        waiting.computeIfPresent(waiter.deviceId, (id, waiters) -> {
            waiters.remove(waiter);
            return waiters.isEmpty() ? null : waiters;
        });
    }

    /** A request was just made for this device: its waiters on this node are answered without waiting for the check. */
    void wake(UUID deviceId) {
        if (waiting.containsKey(deviceId)) {
            try {
                checker.execute(() -> check(Set.of(deviceId)));
            } catch (RejectedExecutionException e) {
                // Shutting down: the waiters will be answered by their timeout.
            }
        }
    }

    /** How many polls wait for this device here. */
    int waitingFor(UUID deviceId) {
        int[] count = {0};
        waiting.computeIfPresent(deviceId, (id, waiters) -> {
            count[0] = waiters.size();
            return waiters;
        });
        return count[0];
    }

    private void checkAll() {
        try {
            List<UUID> devices = new ArrayList<>(waiting.keySet());
            for (int from = 0; from < devices.size(); from += BATCH) {
                check(devices.subList(from, Math.min(devices.size(), from + BATCH)));
            }
        } catch (RuntimeException e) {
            // The next check comes in a second: a database hiccup must not end the checks for good.
            log.warn("Could not check for push requests: {}", e.toString());
        }
    }

    private void check(Collection<UUID> devices) {
        if (devices.isEmpty()) {
            return;
        }
        Map<UUID, List<PushRequest>> found = requests.pendingFor(devices, clock.instant()).stream()
                .collect(Collectors.groupingBy(PushRequest::deviceId));
        found.forEach((deviceId, pending) -> {
            List<Waiter> answered = new ArrayList<>();
            waiting.computeIfPresent(deviceId, (id, waiters) -> {
                answered.addAll(waiters);
                return null;
            });
            answered.forEach(waiter -> waiter.complete(List.copyOf(pending)));
        });
    }

    @PreDestroy
    void stop() {
        checker.shutdownNow();
    }
}
