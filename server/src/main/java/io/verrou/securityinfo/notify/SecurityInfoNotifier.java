package io.verrou.securityinfo.notify;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import io.verrou.audit.ClientInfo;
import io.verrou.challenge.SecondFactorLockout;
import io.verrou.delivery.DeliveryFailedException;
import io.verrou.delivery.EmailComposer;
import io.verrou.delivery.EmailMessage;
import io.verrou.delivery.EmailSender;
import io.verrou.delivery.SecurityInfoChange;
import io.verrou.method.AuthMethods;
import io.verrou.method.MethodKinds;
import io.verrou.method.tap.TemporaryAccessPasses;
import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.tenant.Tenant;
import io.verrou.user.JdbcUserRepository;
import io.verrou.user.User;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Emails a person when their security info changed (SPEC S6): "Your security info was changed", to the email
 * address registered as a method when there is one, otherwise to the sign-in address. Someone who took over the
 * account may have changed the sign-in mailbox's rules, not the separate address the person registered.
 * <p>
 * Call it after the change is saved, outside its transaction: SMTP may take up to the delivery timeout. The
 * caller audits the change; this only tells the person.
 */
@Service
public class SecurityInfoNotifier {

    private static final Logger log = LoggerFactory.getLogger(SecurityInfoNotifier.class);

    private final AuthMethods methods;
    private final MethodKinds kinds;
    private final JdbcTenantRepository tenants;
    private final JdbcUserRepository users;
    private final EmailComposer composer;
    private final EmailSender email;

    public SecurityInfoNotifier(AuthMethods methods, MethodKinds kinds, JdbcTenantRepository tenants, JdbcUserRepository users,
            EmailComposer composer, EmailSender email) {
        this.methods = methods;
        this.kinds = kinds;
        this.tenants = tenants;
        this.users = users;
        this.composer = composer;
        this.email = email;
    }

    /**
     * A notice about the person's own account (SPEC S5, S4.7), to the same address as the changes, in the language
     * they last signed in with. Like {@link #notify}, it never throws for a mail server that is down.
     *
     * @param moment the time the notice names: until when a lockout lasts, when a pass expires or expired
     */
    public boolean notice(User user, EmailComposer.Notice notice, Optional<Instant> moment, ClientInfo client, Instant when) {
        try {
            email.send(composer.notice(notice, address(user), user.displayName(), organisation(user), moment, when,
                    client.ip(), client.userAgent(), users.language(user.id())));
            log.info("Told user {} by email: {}", user.id(), notice);
            return true;
        } catch (DeliveryFailedException e) {
            log.warn("Could not tell user {} by email ({}): {}", user.id(), notice, e.getMessage());
            return false;
        } catch (RuntimeException e) {
            log.error("Could not write the email telling user {} ({})", user.id(), notice, e);
            return false;
        }
    }

    /** A pass was issued for the person, used, or expired: they are told each time (SPEC S11). */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void pass(TemporaryAccessPasses.PassEvent event) {
        notice(event.user(), event.what().notice(), event.moment(), event.client(), event.when());
    }

    /** Someone who knows the person's password failed their second factor too often: they are told at once. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void secondFactorLocked(SecondFactorLockout.Locked locked) {
        notice(locked.user(), EmailComposer.Notice.MFA_LOCKED, Optional.of(locked.until()), locked.client(), locked.when());
    }

    /**
     * Sends the email in the person's language.
     *
     * @return whether the provider took it; false (and a warning in the log) when it could not be sent. It never
     *         throws for that: the change has happened, and the person must not see it fail because a mail
     *         server is down.
     */
    public boolean notify(User user, SecurityInfoChange change, Locale locale) {
        try {
            EmailMessage message = composer.securityInfoChanged(address(user), user.displayName(), organisation(user),
                    change, locale);
            email.send(message);
            log.info("Told user {} by email that their security info changed ({})", user.id(), change.kind().id());
            return true;
        } catch (DeliveryFailedException e) {
            // The exception's message names the failure and the masked recipient, never the email itself.
            log.warn("Could not tell user {} by email that their security info changed ({}): {}", user.id(),
                    change.kind().id(), e.getMessage());
            return false;
        } catch (RuntimeException e) {
            log.error("Could not write the email telling user {} that their security info changed ({})", user.id(),
                    change.kind().id(), e);
            return false;
        }
    }

    /** The registered email method's address, else the sign-in address. */
    private String address(User user) {
        return kinds.noticeAddresses(methods.of(user.id())).stream().findFirst().orElse(user.email());
    }

    private String organisation(User user) {
        return tenants.findById(user.tenantId()).map(Tenant::name).orElse("Verrou");
    }
}
