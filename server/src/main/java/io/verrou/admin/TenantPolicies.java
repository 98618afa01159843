package io.verrou.admin;

import java.time.Duration;
import java.util.List;

import io.verrou.audit.AuditEvent;
import io.verrou.audit.AuditEventType;
import io.verrou.audit.AuditLog;
import io.verrou.audit.AuditResult;
import io.verrou.audit.ClientInfo;
import io.verrou.method.questions.JdbcCustomQuestionRepository;
import io.verrou.method.questions.JdbcCustomQuestionRepository.AddResult;
import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.tenant.MethodPolicy;
import io.verrou.user.User;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Saves an organisation's policy as its administrator set it (SPEC S9, S11): the authentication methods policy,
 * the password reset part of it with the banned terms, and security questions. Each in one go, and audited.
 */
@Service
class TenantPolicies {

    private final JdbcTenantRepository tenants;
    private final JdbcCustomQuestionRepository customQuestions;
    private final AuditLog audit;

    TenantPolicies(JdbcTenantRepository tenants, JdbcCustomQuestionRepository customQuestions, AuditLog audit) {
        this.tenants = tenants;
        this.customQuestions = customQuestions;
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
        tenants.updateReviewDays(admin.tenantId(), form.reviewDays());
        tenants.updateRememberMfaDays(admin.tenantId(), form.rememberMfaDays());
        tenants.updateSessionTimeouts(admin.tenantId(), form.idle(), form.absolute());
        tenants.updateDailyCaps(admin.tenantId(), form.smsDailyCap(), form.voiceDailyCap());
        tenants.updateTapPolicy(admin.tenantId(), Duration.ofMinutes(form.tapDefaultMinutes()),
                Duration.ofMinutes(form.tapMinMinutes()), Duration.ofMinutes(form.tapMaxMinutes()), form.tapOneTime());
        audit.record(AuditEvent.of(AuditEventType.ADMIN_ACTION, AuditResult.SUCCESS, admin.email(), client)
                .forUser(admin.tenantId(), admin.id()).because("methods_policy")
                .withDetail("required=" + String.join("+", form.requiredMethods()) + ", review=" + form.reviewDays()
                        + ", remember=" + form.rememberMfaDays()
                        + ", idle=" + form.idleMinutes() + "m, absolute=" + form.absoluteHours() + "h, sms/day="
                        + form.smsDailyCap() + ", calls/day=" + form.voiceDailyCap()));
    }

    /** The terms must already be 4 to 16 characters each, at most 1,000 of them. */
    @Transactional
    void saveReset(User admin, boolean enabled, int methodsRequired, List<String> bannedTerms, ClientInfo client) {
        tenants.updateReset(admin.tenantId(), enabled);
        tenants.updateRequirements(admin.tenantId(), tenants.policy(admin.tenantId()).requiredMethods(), methodsRequired);
        tenants.updateBannedTerms(admin.tenantId(), bannedTerms);
        audit.record(AuditEvent.of(AuditEventType.ADMIN_ACTION, AuditResult.SUCCESS, admin.email(), client)
                .forUser(admin.tenantId(), admin.id()).because("reset_policy")
                .withDetail("enabled=" + enabled + ", methods=" + methodsRequired + ", banned terms=" + bannedTerms.size()));
    }

    @Transactional
    void saveQuestionCounts(User admin, int toRegister, int toReset, ClientInfo client) {
        tenants.updateQuestionCounts(admin.tenantId(), toRegister, toReset);
        audit.record(AuditEvent.of(AuditEventType.ADMIN_ACTION, AuditResult.SUCCESS, admin.email(), client)
                .forUser(admin.tenantId(), admin.id()).because("question_counts")
                .withDetail("register=" + toRegister + ", reset=" + toReset));
    }

    /** Adds one of the organisation's own security questions, unless the repository refuses it. */
    @Transactional
    AddResult addQuestion(User admin, String text, ClientInfo client) {
        AddResult added = customQuestions.add(admin.tenantId(), text);
        if (added instanceof AddResult.Added) {
            audit.record(AuditEvent.of(AuditEventType.ADMIN_ACTION, AuditResult.SUCCESS, admin.email(), client)
                    .forUser(admin.tenantId(), admin.id()).because("custom_question_added"));
        }
        return added;
    }
}
