package io.verrou.signin;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.verrou.audit.ClientInfo;
import io.verrou.challenge.FraudReported;
import io.verrou.delivery.DeliveryFailedException;
import io.verrou.delivery.EmailComposer;
import io.verrou.delivery.EmailSender;
import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.user.JdbcUserRepository;
import io.verrou.user.User;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * When someone says a request was not theirs — "Deny and report" in the app, or 0# on a call — signing in
 * with a second method is blocked for them until an administrator clears it, and the organisation's
 * administrators are told (SPEC S5).
 */
@Service
public class MfaBlocks {

    private static final Logger log = LoggerFactory.getLogger(MfaBlocks.class);

    private final JdbcUserRepository users;
    private final JdbcTenantRepository tenants;
    private final EmailSender email;
    private final EmailComposer composer;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    public MfaBlocks(JdbcUserRepository users, JdbcTenantRepository tenants, EmailSender email, EmailComposer composer,
            ApplicationEventPublisher events, Clock clock) {
        this.users = users;
        this.tenants = tenants;
        this.email = email;
        this.composer = composer;
        this.events = events;
        this.clock = clock;
    }

    /** Blocks MFA for a person; the administrators are emailed once the block is committed. */
    @Transactional
    public void block(UUID userId, ClientInfo client) {
        users.blockMfa(userId, true);
        users.rotateSecurityStamp(userId);
        events.publishEvent(new Blocked(userId, client, clock.instant()));
    }

    @EventListener
    void fraudReported(FraudReported reported) {
        block(reported.userId(), reported.client());
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void alertAdministrators(Blocked blocked) {
        User user = users.findById(blocked.userId()).orElseThrow();
        String organisation = tenants.findById(user.tenantId()).orElseThrow().name();
        List<User> admins = users.admins(user.tenantId());
        for (User admin : admins) {
            try {
                email.send(composer.mfaBlockedAlert(admin.email(), user.displayName() + " (" + user.email() + ")",
                        organisation, blocked.when(), blocked.client().ip(), blocked.client().userAgent(),
                        users.language(admin.id())));
            } catch (DeliveryFailedException e) {
                log.warn("Could not alert an administrator of a blocked sign-in: {}", e.getMessage());
            }
        }
    }

    /** Published when MFA was blocked for a person. */
    record Blocked(UUID userId, ClientInfo client, Instant when) {
    }
}
