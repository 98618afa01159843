package io.verrou.passwordreset;

import java.util.LinkedHashSet;
import java.util.Set;

import io.verrou.delivery.DeliveryFailedException;
import io.verrou.delivery.EmailComposer;
import io.verrou.delivery.EmailMessage;
import io.verrou.delivery.EmailSender;
import io.verrou.method.AuthMethods;
import io.verrou.method.MethodKinds;
import io.verrou.passwordreset.ResetCompletion.PasswordWasReset;
import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.tenant.Tenant;
import io.verrou.user.JdbcUserRepository;
import io.verrou.user.Role;
import io.verrou.user.User;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The emails after a reset (SPEC S9), once the new password is committed: "Your password was reset" to the
 * person's sign-in address and to their alternate email, and, when an administrator reset their own, a word to
 * the organisation's other administrators. A mail server that is down never undoes the reset.
 */
@Component
class PasswordResetNotices {

    private static final Logger log = LoggerFactory.getLogger(PasswordResetNotices.class);

    private final AuthMethods methods;
    private final MethodKinds kinds;
    private final JdbcUserRepository users;
    private final JdbcTenantRepository tenants;
    private final EmailComposer composer;
    private final EmailSender email;

    PasswordResetNotices(AuthMethods methods, MethodKinds kinds, JdbcUserRepository users, JdbcTenantRepository tenants,
            EmailComposer composer, EmailSender email) {
        this.methods = methods;
        this.kinds = kinds;
        this.users = users;
        this.tenants = tenants;
        this.composer = composer;
        this.email = email;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void passwordWasReset(PasswordWasReset reset) {
        User user = reset.user();
        String organisation = tenants.findById(user.tenantId()).map(Tenant::name).orElse("Verrou");
        Set<String> addresses = new LinkedHashSet<>();
        addresses.add(user.email());
        addresses.addAll(kinds.noticeAddresses(methods.of(user.id())));
        for (String address : addresses) {
            send(composer.passwordReset(address, user.displayName(), user.email(), organisation, reset.when(),
                    reset.client().ip(), reset.client().userAgent(), reset.locale()), user);
        }
        if (user.role() == Role.ADMIN) {
            String person = user.displayName() + " (" + user.email() + ")";
            users.admins(user.tenantId()).stream().filter(admin -> !admin.id().equals(user.id()))
                    .forEach(admin -> send(composer.adminPasswordReset(admin.email(), person, organisation, reset.when(),
                            reset.client().ip(), reset.client().userAgent(), users.language(admin.id())), user));
        }
    }

    private void send(EmailMessage message, User user) {
        try {
            email.send(message);
        } catch (DeliveryFailedException e) {
            // The message names the failure and the masked recipient, never the email itself.
            log.warn("Could not send an email about the password reset of user {}: {}", user.id(), e.getMessage());
        }
    }
}
