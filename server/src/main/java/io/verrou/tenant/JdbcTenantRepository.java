package io.verrou.tenant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.verrou.Timestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tenants, their domains and their policy, in the {@code tenant*} tables.
 */
@Repository
public class JdbcTenantRepository {

    public static final int MIN_BANNED_TERM = 4;
    public static final int MAX_BANNED_TERM = 16;
    public static final int MAX_BANNED_TERMS = 1000;

    private final JdbcClient jdbc;
    private final MethodPolicyDefaults defaults;
    private final Clock clock;

    public JdbcTenantRepository(JdbcClient jdbc, MethodPolicyDefaults defaults, Clock clock) {
        this.jdbc = jdbc;
        this.defaults = defaults;
        this.clock = clock;
    }

    /**
     * Creates a tenant that owns the given domains, with the default policy.
     */
    @Transactional
    public Tenant create(String name, List<String> domains) {
        Tenant tenant = new Tenant(UUID.randomUUID(), name);
        jdbc.sql("INSERT INTO tenant (id, name, created_at) VALUES (:id, :name, :createdAt)")
                .param("id", tenant.id())
                .param("name", name)
                .param("createdAt", Timestamps.toColumn(clock.instant()))
                .update();
        for (String domain : domains) {
            jdbc.sql("INSERT INTO tenant_domain (domain, tenant_id) VALUES (:domain, :tenantId)")
                    .param("domain", domain.toLowerCase(Locale.ROOT))
                    .param("tenantId", tenant.id())
                    .update();
        }
        jdbc.sql("INSERT INTO tenant_policy (tenant_id) VALUES (:tenantId)").param("tenantId", tenant.id()).update();
        for (MethodPolicy method : defaults.defaults()) {
            insertMethodPolicy(tenant.id(), method);
        }
        return tenant;
    }

    public Optional<Tenant> findById(UUID id) {
        return jdbc.sql("SELECT id, name FROM tenant WHERE id = :id")
                .param("id", id)
                .query(JdbcTenantRepository::tenant)
                .optional();
    }

    public Optional<Tenant> findByName(String name) {
        return jdbc.sql("SELECT id, name FROM tenant WHERE name = :name")
                .param("name", name)
                .query(JdbcTenantRepository::tenant)
                .optional();
    }

    /** The tenant that owns a domain, e.g. {@code contoso.example}. */
    public Optional<Tenant> findByDomain(String domain) {
        return jdbc.sql("""
                SELECT t.id, t.name FROM tenant t JOIN tenant_domain d ON d.tenant_id = t.id
                WHERE d.domain = :domain""")
                .param("domain", domain.toLowerCase(Locale.ROOT))
                .query(JdbcTenantRepository::tenant)
                .optional();
    }

    public List<String> domains(UUID tenantId) {
        return jdbc.sql("SELECT domain FROM tenant_domain WHERE tenant_id = :tenantId ORDER BY domain")
                .param("tenantId", tenantId)
                .query(String.class)
                .list();
    }

    public TenantPolicy policy(UUID tenantId) {
        return jdbc.sql("SELECT * FROM tenant_policy WHERE tenant_id = :tenantId")
                .param("tenantId", tenantId)
                .query(JdbcTenantRepository::policy)
                .single();
    }

    /** What the organisation allows each method kind for, one row per kind there is, in the kinds' order. */
    public List<MethodPolicy> methodPolicies(UUID tenantId) {
        Map<String, MethodPolicy> saved = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT method, enabled, for_sign_in, for_reset FROM tenant_method_policy
                WHERE tenant_id = :tenantId""")
                .param("tenantId", tenantId)
                .query((rs, row) -> new MethodPolicy(rs.getString("method"), rs.getBoolean("enabled"),
                        rs.getBoolean("for_sign_in"), rs.getBoolean("for_reset")))
                .list()
                .forEach(policy -> saved.put(policy.method(), policy));
        // Every kind there is, in its order; rows of a kind this server no longer has stay unread.
        return defaults.defaults().stream().map(d -> saved.getOrDefault(d.method(), d)).toList();
    }

    /** Turns the registration interrupt on or off, and sets how long people may postpone it. */
    public void updateRegistration(UUID tenantId, boolean required, int snoozeDays, int snoozeLimit) {
        jdbc.sql("""
                UPDATE tenant_policy SET registration_required = :required, snooze_days = :days, snooze_limit = :limit
                WHERE tenant_id = :tenantId""")
                .param("required", required)
                .param("days", snoozeDays)
                .param("limit", snoozeLimit)
                .param("tenantId", tenantId)
                .update();
    }

    /** How many security questions people register (3–5) and answer at reset (3 up to that number). */
    public void updateQuestionCounts(UUID tenantId, int toRegister, int toReset) {
        if (toRegister < 3 || toRegister > 5 || toReset < 3 || toReset > toRegister) {
            throw new IllegalArgumentException("Questions: 3–5 to register, 3 up to that to reset");
        }
        jdbc.sql("""
                UPDATE tenant_policy SET questions_to_register = :register, questions_to_reset = :reset
                WHERE tenant_id = :tenantId""")
                .param("register", toRegister)
                .param("reset", toReset)
                .param("tenantId", tenantId)
                .update();
    }

    /** Days between reviews of security info (SPEC S3.5), 0 for never. */
    public void updateReviewDays(UUID tenantId, int days) {
        jdbc.sql("UPDATE tenant_policy SET review_days = :days WHERE tenant_id = :tenantId")
                .param("days", days).param("tenantId", tenantId).update();
    }

    /** Temporary Access Pass lifetimes (the default between the shortest and the longest) and one-time use. */
    public void updateTapPolicy(UUID tenantId, Duration defaultLifetime, Duration min, Duration max, boolean oneTime) {
        if (min.compareTo(defaultLifetime) > 0 || defaultLifetime.compareTo(max) > 0) {
            throw new IllegalArgumentException("A pass's default lifetime lies between the shortest and the longest");
        }
        jdbc.sql("""
                UPDATE tenant_policy SET tap_default_minutes = :default, tap_min_minutes = :min,
                       tap_max_minutes = :max, tap_one_time = :oneTime
                WHERE tenant_id = :tenantId""")
                .param("default", defaultLifetime.toMinutes())
                .param("min", min.toMinutes())
                .param("max", max.toMinutes())
                .param("oneTime", oneTime)
                .param("tenantId", tenantId)
                .update();
    }

    /** How many text messages and calls the organisation may send a day. */
    public void updateDailyCaps(UUID tenantId, int sms, int voice) {
        jdbc.sql("UPDATE tenant_policy SET sms_daily_cap = :sms, voice_daily_cap = :voice WHERE tenant_id = :tenantId")
                .param("sms", sms)
                .param("voice", voice)
                .param("tenantId", tenantId)
                .update();
    }

    /** Whether the organisation's people may reset their own password (SPEC S9). */
    public void updateReset(UUID tenantId, boolean enabled) {
        jdbc.sql("UPDATE tenant_policy SET reset_enabled = :enabled WHERE tenant_id = :tenantId")
                .param("enabled", enabled)
                .param("tenantId", tenantId)
                .update();
    }

    /** The methods registration asks for, and how many methods a self-service reset needs (1 or 2). */
    public void updateRequirements(UUID tenantId, List<String> requiredMethods, int resetMethodsRequired) {
        jdbc.sql("""
                UPDATE tenant_policy SET required_methods = :required, reset_methods_required = :reset
                WHERE tenant_id = :tenantId""")
                .param("required", String.join(",", requiredMethods))
                .param("reset", resetMethodsRequired)
                .param("tenantId", tenantId)
                .update();
    }

    /** Whether a method kind is allowed, and what for. */
    public void updateMethodPolicy(UUID tenantId, MethodPolicy method) {
        int updated = jdbc.sql("""
                UPDATE tenant_method_policy SET enabled = :enabled, for_sign_in = :forSignIn, for_reset = :forReset
                WHERE tenant_id = :tenantId AND method = :method""")
                .param("enabled", method.enabled())
                .param("forSignIn", method.forSignIn())
                .param("forReset", method.forReset())
                .param("tenantId", tenantId)
                .param("method", method.method())
                .update();
        if (updated == 0) {
            // A kind added after the organisation was made: its first saved row.
            insertMethodPolicy(tenantId, method);
        }
    }

    private void insertMethodPolicy(UUID tenantId, MethodPolicy method) {
        jdbc.sql("""
                INSERT INTO tenant_method_policy (tenant_id, method, enabled, for_sign_in, for_reset)
                VALUES (:tenantId, :method, :enabled, :forSignIn, :forReset)""")
                .param("tenantId", tenantId)
                .param("method", method.method())
                .param("enabled", method.enabled())
                .param("forSignIn", method.forSignIn())
                .param("forReset", method.forReset())
                .update();
    }

    /** How many days a browser may skip the second factor (0: never). */
    public void updateRememberMfaDays(UUID tenantId, int days) {
        jdbc.sql("UPDATE tenant_policy SET remember_mfa_days = :days WHERE tenant_id = :tenantId")
                .param("days", days).param("tenantId", tenantId).update();
    }

    /** Changes the session lifetimes of a tenant. */
    public void updateSessionTimeouts(UUID tenantId, Duration idle, Duration absolute) {
        jdbc.sql("""
                UPDATE tenant_policy SET session_idle_minutes = :idle, session_absolute_minutes = :absolute
                WHERE tenant_id = :tenantId""")
                .param("idle", idle.toMinutes())
                .param("absolute", absolute.toMinutes())
                .param("tenantId", tenantId)
                .update();
    }

    /** The words the tenant forbids in passwords (SPEC S9), as the admin entered them. */
    public List<String> bannedTerms(UUID tenantId) {
        return jdbc.sql("SELECT term FROM tenant_banned_term WHERE tenant_id = :tenantId ORDER BY term")
                .param("tenantId", tenantId)
                .query(String.class)
                .list();
    }

    /**
     * Replaces the words the tenant forbids in passwords. Each is stripped; a repeat that differs only in
     * case is dropped, since passwords are compared without case.
     *
     * @throws IllegalArgumentException when a term is not 4 to 16 characters, or there are more than 1000
     */
    @Transactional
    public void updateBannedTerms(UUID tenantId, List<String> terms) {
        Map<String, String> unique = new LinkedHashMap<>();
        for (String term : terms) {
            String stripped = term.strip();
            int length = stripped.codePointCount(0, stripped.length());
            if (length < MIN_BANNED_TERM || length > MAX_BANNED_TERM) {
                throw new IllegalArgumentException("A banned term has " + MIN_BANNED_TERM + " to "
                        + MAX_BANNED_TERM + " characters: " + stripped);
            }
            unique.putIfAbsent(stripped.toLowerCase(Locale.ROOT), stripped);
        }
        if (unique.size() > MAX_BANNED_TERMS) {
            throw new IllegalArgumentException("At most " + MAX_BANNED_TERMS + " banned terms");
        }
        jdbc.sql("DELETE FROM tenant_banned_term WHERE tenant_id = :tenantId").param("tenantId", tenantId).update();
        for (String term : unique.values()) {
            jdbc.sql("INSERT INTO tenant_banned_term (tenant_id, term) VALUES (:tenantId, :term)")
                    .param("tenantId", tenantId)
                    .param("term", term)
                    .update();
        }
    }

    private static Tenant tenant(ResultSet rs, int row) throws SQLException {
        return new Tenant(rs.getObject("id", UUID.class), rs.getString("name"));
    }

    private static TenantPolicy policy(ResultSet rs, int row) throws SQLException {
        return new TenantPolicy(
                rs.getObject("tenant_id", UUID.class),
                rs.getBoolean("mfa_required"),
                rs.getBoolean("registration_required"),
                Arrays.stream(rs.getString("required_methods").split(",")).map(String::trim)
                        .filter(m -> !m.isEmpty()).toList(),
                rs.getInt("snooze_days"),
                rs.getInt("snooze_limit"),
                rs.getInt("review_days"),
                rs.getBoolean("reset_enabled"),
                rs.getInt("reset_methods_required"),
                rs.getInt("questions_to_register"),
                rs.getInt("questions_to_reset"),
                rs.getInt("remember_mfa_days"),
                Duration.ofMinutes(rs.getInt("tap_default_minutes")),
                Duration.ofMinutes(rs.getInt("tap_min_minutes")),
                Duration.ofMinutes(rs.getInt("tap_max_minutes")),
                rs.getBoolean("tap_one_time"),
                rs.getInt("sms_daily_cap"),
                rs.getInt("voice_daily_cap"),
                Duration.ofMinutes(rs.getInt("session_idle_minutes")),
                Duration.ofMinutes(rs.getInt("session_absolute_minutes")));
    }
}
