package io.verrou.admin;

import io.verrou.audit.AuditEvent;
import io.verrou.audit.AuditEventType;
import io.verrou.audit.AuditLog;
import io.verrou.audit.AuditResult;
import io.verrou.audit.ClientInfo;
import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.tenant.MethodPolicy;
import io.verrou.user.User;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Saves an organisation's authentication methods policy as its administrator set it (SPEC S11), in one go. */
@Service
class TenantPolicies {

    private final JdbcTenantRepository tenants;
    private final AuditLog audit;

    TenantPolicies(JdbcTenantRepository tenants, AuditLog audit) {
        this.tenants = tenants;
        this.audit = audit;
    }

    @Transactional
    void save(User admin, PolicyForm form, ClientInfo client) {
        for (MethodPolicy method : form.methods()) {
            tenants.updateMethodPolicy(admin.tenantId(), method);
        }
        int resetMethods = tenants.policy(admin.tenantId()).resetMethodsRequired();
        tenants.updateRequirements(admin.tenantId(), form.requiredMethods(), resetMethods);
        tenants.updateRegistration(admin.tenantId(), form.registrationRequired(), form.snoozeDays(), form.snoozeLimit());
        tenants.updateRememberMfaDays(admin.tenantId(), form.rememberMfaDays());
        tenants.updateSessionTimeouts(admin.tenantId(), form.idle(), form.absolute());
        audit.record(AuditEvent.of(AuditEventType.ADMIN_ACTION, AuditResult.SUCCESS, admin.email(), client)
                .forUser(admin.tenantId(), admin.id()).because("methods_policy")
                .withDetail("required=" + String.join("+", form.requiredMethods()) + ", remember=" + form.rememberMfaDays()
                        + ", idle=" + form.idleMinutes() + "m, absolute=" + form.absoluteHours() + "h"));
    }
}
