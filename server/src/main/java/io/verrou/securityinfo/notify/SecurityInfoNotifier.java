package io.verrou.securityinfo.notify;

import java.util.Locale;
import java.util.Optional;

import io.verrou.delivery.DeliveryFailedException;
import io.verrou.delivery.EmailComposer;
import io.verrou.delivery.EmailMessage;
import io.verrou.delivery.EmailSender;
import io.verrou.method.AuthMethod;
import io.verrou.method.AuthMethods;
import io.verrou.method.MethodKind;
import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.tenant.Tenant;
import io.verrou.user.User;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

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
    private final JdbcTenantRepository tenants;
    private final EmailComposer composer;
    private final EmailSender email;

    public SecurityInfoNotifier(AuthMethods methods, JdbcTenantRepository tenants, EmailComposer composer,
            EmailSender email) {
        this.methods = methods;
        this.tenants = tenants;
        this.composer = composer;
        this.email = email;
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
        return methods.of(user.id()).stream()
                .filter(method -> method.kind() == MethodKind.EMAIL)
                .map(AuthMethod::detail)
                .flatMap(Optional::stream)
                .filter(address -> !address.isBlank())
                .findFirst()
                .orElse(user.email());
    }

    private String organisation(User user) {
        return tenants.findById(user.tenantId()).map(Tenant::name).orElse("Verrou");
    }
}
