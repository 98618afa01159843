package io.verrou.admin;

import java.util.List;

import io.verrou.audit.AuditEvent;
import io.verrou.audit.AuditEventType;
import io.verrou.audit.AuditLog;
import io.verrou.audit.AuditResult;
import io.verrou.audit.ClientInfo;
import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.tenant.TenantPolicy;
import io.verrou.user.User;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Saves the password reset part of an organisation's policy, as its administrator set it (SPEC S9, S11). */
@Service
class ResetPolicies {

    private final JdbcTenantRepository tenants;
    private final AuditLog audit;

    ResetPolicies(JdbcTenantRepository tenants, AuditLog audit) {
        this.tenants = tenants;
        this.audit = audit;
    }

    /** The terms must already be 4 to 16 characters each, at most 1,000 of them. */
    @Transactional
    void save(User admin, boolean enabled, int methodsRequired, List<String> bannedTerms, ClientInfo client) {
        TenantPolicy policy = tenants.policy(admin.tenantId());
        tenants.updateReset(admin.tenantId(), enabled);
        tenants.updateRequirements(admin.tenantId(), policy.requiredMethods(), methodsRequired);
        tenants.updateBannedTerms(admin.tenantId(), bannedTerms);
        audit.record(AuditEvent.of(AuditEventType.ADMIN_ACTION, AuditResult.SUCCESS, admin.email(), client)
                .forUser(admin.tenantId(), admin.id()).because("reset_policy")
                .withDetail("enabled=" + enabled + ", methods=" + methodsRequired + ", banned terms=" + bannedTerms.size()));
    }
}
