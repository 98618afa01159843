package io.verrou.method.authenticator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.verrou.audit.AuditEvent;
import io.verrou.audit.AuditEventType;
import io.verrou.audit.AuditLog;
import io.verrou.audit.AuditResult;
import io.verrou.audit.ClientInfo;
import io.verrou.challenge.FraudReported;
import io.verrou.challenge.SecondFactorLockout;
import io.verrou.user.JdbcUserRepository;
import io.verrou.user.User;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Requests pushed to a person's Verrou Authenticator (SPEC S4.1, S5; docs/authenticator-api.md §3): the page shows
 * a two-digit number, the person types it in the app, which approves; or the app denies, and may report that the
 * person did not try to sign in. A request is answered within 60 seconds or not at all. A person has at most one
 * request waiting at a time, and at most 5 made in 15 minutes.
 */
@Service
public class PushRequests {

    static final Duration LIFETIME = Duration.ofSeconds(60);
    static final int PER_USER = 5;
    static final Duration PER_USER_WINDOW = Duration.ofMinutes(15);
    static final Set<String> KINDS = Set.of("signin", "registration", "reset");

    private final JdbcPushRequests requests;
    private final JdbcAuthenticatorDevices devices;
    private final JdbcUserRepository users;
    private final PushWaiters waiters;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final SecondFactorLockout lockout;
    private final SecureRandom random;
    private final Clock clock;

    PushRequests(JdbcPushRequests requests, JdbcAuthenticatorDevices devices, JdbcUserRepository users,
            PushWaiters waiters, AuditLog audit, ApplicationEventPublisher events, SecondFactorLockout lockout,
            SecureRandom random, Clock clock) {
        this.lockout = lockout;
        this.requests = requests;
        this.devices = devices;
        this.users = users;
        this.waiters = waiters;
        this.audit = audit;
        this.events = events;
        this.random = random;
        this.clock = clock;
    }

    /** Where a request stands. EXPIRED is never stored: it is a PENDING request past its expiry. */
    public enum PushState {
        PENDING, APPROVED, DENIED, REPORTED, WRONG_NUMBER, EXPIRED
    }

    /**
     * A request pushed to an app.
     *
     * @param kind    {@code signin}, {@code registration} (the test request while setting the app up) or
     *                {@code reset} (a password reset)
     * @param number  the two digits the page shows and the person types in the app
     * @param ip      the address of the browser that asked to sign in
     * @param browser that browser, said the way a person reads it ("Firefox on Linux")
     */
    public record PushRequest(UUID id, UUID userId, UUID deviceId, String kind, String number, PushState state,
            String ip, String browser, Instant createdAt, Instant expiresAt) {

        PushRequest withState(PushState newState) {
            return new PushRequest(id, userId, deviceId, kind, number, newState, ip, browser, createdAt, expiresAt);
        }

        /** Leaves the number out. */
        @Override
        public String toString() {
            return "PushRequest[id=" + id + ", kind=" + kind + ", state=" + state + "]";
        }
    }

    /** How making a request ended. */
    public sealed interface PushResult {
        /** Pushed: the page shows the request's number and waits for the answer. */
        record Created(PushRequest request) implements PushResult {
        }

        /**
         * Not pushed; the message key says why: {@code push.pending} (one is still waiting), {@code push.limit}
         * (5 in 15 minutes), {@code push.nodevice} (the app is not the person's, not activated or removed).
         */
        record Refused(String messageKey) implements PushResult {
        }
    }

    /** How an app's answer ended, for the API. */
    enum Answer {
        APPROVED, WRONG_NUMBER, DENIED, REPORTED, NOT_PENDING
    }

    /**
     * Pushes a request to one of the person's apps.
     *
     * @param kind   {@code signin}, {@code registration} or {@code reset}
     * @param client the browser that asks, shown in the app
     */
    @Transactional
    public PushResult create(User user, UUID deviceId, String kind, ClientInfo client) {
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("Unknown push kind: " + kind);
        }
        Instant now = clock.instant();
        boolean usable = devices.find(deviceId)
                .filter(d -> d.userId().equals(user.id()) && d.usable())
                .isPresent();
        if (!usable) {
            audit.record(AuditEvent.of(AuditEventType.PUSH_SENT, AuditResult.FAILURE, user.email(), client)
                    .forUser(user.tenantId(), user.id()).because("no_device"));
            return new PushResult.Refused("push.nodevice");
        }
        requests.lockUser(user.id());
        if ("signin".equals(kind) && lockout.lockedFor(user.id()).isPresent()) {
            return new PushResult.Refused("push.locked");
        }
        if (requests.hasPending(user.id(), now)) {
            audit.record(AuditEvent.of(AuditEventType.THROTTLED, AuditResult.FAILURE, user.email(), client)
                    .forUser(user.tenantId(), user.id()).because("push_pending"));
            return new PushResult.Refused("push.pending");
        }
        if (requests.countSince(user.id(), now.minus(PER_USER_WINDOW)) >= PER_USER) {
            audit.record(AuditEvent.of(AuditEventType.THROTTLED, AuditResult.FAILURE, user.email(), client)
                    .forUser(user.tenantId(), user.id()).because("push_limit"));
            return new PushResult.Refused("push.limit");
        }
        PushRequest request = new PushRequest(UUID.randomUUID(), user.id(), deviceId, kind,
                Integer.toString(10 + random.nextInt(90)), PushState.PENDING, client.ip(),
                BrowserNames.describe(client.userAgent()), now, now.plus(LIFETIME));
        requests.insert(request, client);
        audit.record(AuditEvent.of(AuditEventType.PUSH_SENT, AuditResult.SUCCESS, user.email(), client)
                .forUser(user.tenantId(), user.id()).withDetail(kind));
        afterCommit(() -> waiters.wake(deviceId));
        return new PushResult.Created(request);
    }

    /** One of the person's requests, EXPIRED when it waited past its expiry. */
    @Transactional(readOnly = true)
    public Optional<PushRequest> find(UUID id, UUID userId) {
        return requests.find(id).filter(r -> r.userId().equals(userId)).map(this::current);
    }

    /** The requests waiting for an answer from this device now, oldest first. */
    @Transactional(readOnly = true)
    List<PushRequest> pendingFor(UUID deviceId) {
        return requests.pendingFor(List.of(deviceId), clock.instant());
    }

    /**
     * The app approves with the number the person typed. The right number approves; a wrong one refuses the
     * request for good.
     */
    @Transactional
    Answer approve(UUID requestId, UUID deviceId, String typed, ClientInfo client) {
        Optional<PushRequest> pending = pendingForUpdate(requestId, deviceId);
        if (pending.isEmpty()) {
            return Answer.NOT_PENDING;
        }
        String number = typed == null ? "" : typed.strip();
        boolean right = MessageDigest.isEqual(number.getBytes(StandardCharsets.UTF_8),
                pending.get().number().getBytes(StandardCharsets.UTF_8));
        PushState state = right ? PushState.APPROVED : PushState.WRONG_NUMBER;
        answered(pending.get(), state, right ? AuditEventType.PUSH_APPROVED : AuditEventType.PUSH_WRONG_NUMBER,
                right ? AuditResult.SUCCESS : AuditResult.FAILURE, client);
        return right ? Answer.APPROVED : Answer.WRONG_NUMBER;
    }

    /** The app denies; with {@code report}, the person says they did not try to sign in. */
    @Transactional
    Answer deny(UUID requestId, UUID deviceId, boolean report, ClientInfo client) {
        Optional<PushRequest> pending = pendingForUpdate(requestId, deviceId);
        if (pending.isEmpty()) {
            return Answer.NOT_PENDING;
        }
        answered(pending.get(), report ? PushState.REPORTED : PushState.DENIED,
                report ? AuditEventType.PUSH_REPORTED : AuditEventType.PUSH_DENIED, AuditResult.SUCCESS, client);
        return report ? Answer.REPORTED : Answer.DENIED;
    }

    private Optional<PushRequest> pendingForUpdate(UUID requestId, UUID deviceId) {
        return requests.findForUpdate(requestId)
                .filter(r -> r.deviceId().equals(deviceId))
                .map(this::current)
                .filter(r -> r.state() == PushState.PENDING);
    }

    private void answered(PushRequest request, PushState state, AuditEventType type, AuditResult result,
            ClientInfo client) {
        requests.answer(request.id(), state, clock.instant());
        PushRequest now = request.withState(state);
        Optional<User> user = users.findById(request.userId());
        AuditEvent event = AuditEvent.of(type, result, user.map(User::email).orElse("unknown"), client)
                .withDetail(request.kind());
        audit.record(user.map(u -> event.forUser(u.tenantId(), u.id())).orElse(event));
        if ("signin".equals(request.kind()) && (state == PushState.WRONG_NUMBER || state == PushState.DENIED)) {
            // A wrong number or a denial at sign-in is a failed second factor like a wrong code.
            user.ifPresent(u -> lockout.failed(u, state == PushState.DENIED ? "push_denied" : "push_number", client));
        }
        if (state == PushState.REPORTED) {
            events.publishEvent(new FraudReported(request.userId(), new ClientInfo(request.ip(), request.browser())));
        }
        events.publishEvent(new PushAnswered(now));
    }

    private PushRequest current(PushRequest request) {
        return request.state() == PushState.PENDING && !clock.instant().isBefore(request.expiresAt())
                ? request.withState(PushState.EXPIRED) : request;
    }

    /** Runs once the current transaction is committed, or now when there is none. */
    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }
}
