package io.verrou.admin;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import io.verrou.audit.AuditEvent;
import io.verrou.audit.AuditEventType;
import io.verrou.audit.AuditLog;
import io.verrou.audit.AuditResult;
import io.verrou.audit.ClientInfo;
import io.verrou.challenge.SecondFactorLockout;
import io.verrou.method.AuthMethods;
import io.verrou.method.MethodKinds;
import io.verrou.method.tap.TemporaryAccessPasses;
import io.verrou.securityinfo.SignOutEverywhere;
import io.verrou.signin.JdbcSignInLockoutRepository;
import io.verrou.signin.UserSessions;
import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.tenant.Tenant;
import io.verrou.user.JdbcUserRepository;
import io.verrou.user.Role;
import io.verrou.user.SignInName;
import io.verrou.user.TemporaryPasswords;
import io.verrou.user.User;
import io.verrou.user.UserAccounts;
import io.verrou.user.UserState;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What an administrator does to the people of their own organisation (SPEC S11): find and create them, give
 * them a temporary password, clear a blocked second factor, sign them out everywhere, make them register
 * again, disable or enable them. Every action is audited under the
 * administrator's name. People of other organisations are never found.
 */
@Service
class AdminUsers {

    static final int LISTED = 200;

    private static final int MAX_DISPLAY_NAME = 100;

    private final JdbcUserRepository users;
    private final JdbcTenantRepository tenants;
    private final UserAccounts accounts;
    private final TemporaryPasswords temporaryPasswords;
    private final JdbcSignInLockoutRepository signInLockouts;
    private final AuthMethods methods;
    private final MethodKinds kinds;
    private final TemporaryAccessPasses passes;
    private final SignOutEverywhere signOutEverywhere;
    private final UserSessions sessions;
    private final AuditLog audit;
    private final TransactionTemplate transaction;
    private final SecondFactorLockout secondFactorLockout;

    AdminUsers(JdbcUserRepository users, JdbcTenantRepository tenants, UserAccounts accounts,
            TemporaryPasswords temporaryPasswords, JdbcSignInLockoutRepository signInLockouts, AuthMethods methods,
            MethodKinds kinds, TemporaryAccessPasses passes, SignOutEverywhere signOutEverywhere,
            UserSessions sessions, AuditLog audit, PlatformTransactionManager transactions,
            SecondFactorLockout secondFactorLockout) {
        this.kinds = kinds;
        this.transaction = new TransactionTemplate(transactions);
        this.secondFactorLockout = secondFactorLockout;
        this.passes = passes;
        this.users = users;
        this.tenants = tenants;
        this.accounts = accounts;
        this.temporaryPasswords = temporaryPasswords;
        this.signInLockouts = signInLockouts;
        this.methods = methods;
        this.signOutEverywhere = signOutEverywhere;
        this.sessions = sessions;
        this.audit = audit;
    }

    /** What an action may answer. */
    enum Result {
        DONE, NOT_FOUND, NOT_YOURSELF
    }

    List<User> search(User admin, String query) {
        return users.search(admin.tenantId(), query.strip(), LISTED);
    }

    /** The person, when they belong to the administrator's organisation. */
    Optional<User> find(User admin, UUID userId) {
        return users.findById(userId).filter(u -> u.tenantId().equals(admin.tenantId()));
    }

    boolean mfaBlocked(User user) {
        return users.mfaBlocked(user.id());
    }

    /** When the person's second factor, locked after too many failed attempts, can be used again. */
    Optional<java.time.Instant> secondFactorLockedUntil(User user) {
        return secondFactorLockout.lockedUntil(user.id());
    }

    /** Lets the person try their second factor again at once, after too many failed attempts locked it. */
    @Transactional
    Result clearSecondFactorLockout(User admin, UUID userId, ClientInfo client) {
        Optional<User> user = find(admin, userId);
        user.ifPresent(u -> {
            secondFactorLockout.clear(u.id());
            record(admin, u, "clear_mfa_lockout", client);
        });
        return user.isPresent() ? Result.DONE : Result.NOT_FOUND;
    }

    /** Lets the person sign in with a second method again, after a request was reported as not theirs. */
    @Transactional
    Result unblockMfa(User admin, UUID userId, ClientInfo client) {
        Optional<User> user = find(admin, userId);
        user.ifPresent(u -> {
            users.blockMfa(u.id(), false);
            record(admin, u, "unblock_mfa", client);
        });
        return user.isPresent() ? Result.DONE : Result.NOT_FOUND;
    }

    /** Ends every session and remembered browser of the person; they are told by email. */
    @Transactional
    Result signOutEverywhere(User admin, UUID userId, ClientInfo client) {
        Optional<User> user = find(admin, userId);
        user.ifPresent(u -> {
            signOutEverywhere.signOut(u, client);
            record(admin, u, "sign_out_everywhere", client);
        });
        return user.isPresent() ? Result.DONE : Result.NOT_FOUND;
    }

    /**
     * Deletes the person's sign-in methods (apps, phones, passkeys) and ends their sessions, so that they set up
     * their security info again at their next sign-in, e.g. after losing their phone. Methods that only serve
     * password reset stay.
     */
    @Transactional
    Result requireReRegistration(User admin, UUID userId, ClientInfo client) {
        Optional<User> user = find(admin, userId);
        user.ifPresent(u -> {
            methods.of(u.id()).stream().filter(m -> kinds.canBeDefault(m.kind()))
                    .forEach(m -> methods.delete(u, m.id(), client));
            signOutEverywhere.signOut(u, client);
            record(admin, u, "require_reregistration", client);
        });
        return user.isPresent() ? Result.DONE : Result.NOT_FOUND;
    }

    /** How creating an account ended. */
    sealed interface Creation {
        /** Created, with the temporary password to hand over. */
        record Created(User user, String temporaryPassword) implements Creation {
        }

        /** Not created; the message key says why. */
        record Refused(String messageKey) implements Creation {
        }
    }

    /**
     * Creates an account in the administrator's organisation with a temporary password, which the person
     * replaces at their first sign-in.
     */
    Creation create(User admin, String displayName, String localPart, String domain, Role role, ClientInfo client) {
        String name = displayName.strip();
        if (name.isEmpty() || name.codePointCount(0, name.length()) > MAX_DISPLAY_NAME) {
            return new Creation.Refused("admin.create.name.invalid");
        }
        Optional<String> email = SignInName.parse(localPart.strip() + "@" + domain);
        if (email.isEmpty() || localPart.contains("@") || !tenants.domains(admin.tenantId()).contains(domain)) {
            return new Creation.Refused("admin.create.email.invalid");
        }
        if (users.findByEmail(email.get()).isPresent()) {
            return new Creation.Refused("admin.create.email.taken");
        }
        Tenant tenant = tenants.findById(admin.tenantId()).orElseThrow();
        // Hashed before the transaction; the temporary password is the account's first.
        TemporaryPasswords.Made temporary = temporaryPasswords.make();
        return transaction.execute(status -> {
            if (users.findByEmail(email.get()).isPresent()) {
                return new Creation.Refused("admin.create.email.taken");
            }
            User created = accounts.createHashed(tenant, email.get(), name, role, temporary.hash());
            temporaryPasswords.store(created, temporary);
            record(admin, created, "create_" + role.name().toLowerCase(Locale.ROOT), client);
            return new Creation.Created(created, temporary.password());
        });
    }

    /**
     * Gives the person a temporary password in place of theirs: their sessions and remembered browsers end,
     * their lockout is lifted, and they choose their own password at their next sign-in.
     */
    Optional<String> resetPassword(User admin, UUID userId, ClientInfo client) {
        if (find(admin, userId).isEmpty()) {
            return Optional.empty();
        }
        TemporaryPasswords.Made temporary = temporaryPasswords.make();
        return transaction.execute(status -> find(admin, userId).map(u -> {
            temporaryPasswords.store(u, temporary);
            signInLockouts.clear(u.email());
            sessions.endAll(u.id(), Optional.empty());
            record(admin, u, "reset_password", client);
            return temporary.password();
        }));
    }

    /** Issues a Temporary Access Pass for the person, replacing any other; empty when they are not found. */
    @Transactional
    Optional<TemporaryAccessPasses.Issue> issuePass(User admin, UUID userId, Duration lifetime, boolean oneTime,
            ClientInfo client) {
        return find(admin, userId).map(u -> {
            TemporaryAccessPasses.Issue issued = passes.issue(admin, u, lifetime, oneTime, client);
            if (issued instanceof TemporaryAccessPasses.Issue.Issued) {
                record(admin, u, "tap_issued", client);
            }
            return issued;
        });
    }

    @Transactional
    Result revokePass(User admin, UUID userId, ClientInfo client) {
        Optional<User> user = find(admin, userId);
        user.ifPresent(u -> {
            passes.revoke(u.id());
            record(admin, u, "tap_revoked", client);
        });
        return user.isPresent() ? Result.DONE : Result.NOT_FOUND;
    }

    /** Disables or enables the person; disabling ends their sessions. An administrator can't disable themself. */
    @Transactional
    Result setEnabled(User admin, UUID userId, boolean enabled, ClientInfo client) {
        Optional<User> user = find(admin, userId);
        if (user.isEmpty()) {
            return Result.NOT_FOUND;
        }
        if (!enabled && user.get().id().equals(admin.id())) {
            return Result.NOT_YOURSELF;
        }
        users.updateState(userId, enabled ? UserState.ENABLED : UserState.DISABLED);
        if (!enabled) {
            sessions.endAll(userId, Optional.empty());
        }
        record(admin, user.get(), enabled ? "enable" : "disable", client);
        return Result.DONE;
    }

    private void record(User admin, User target, String action, ClientInfo client) {
        audit.record(AuditEvent.of(AuditEventType.ADMIN_ACTION, AuditResult.SUCCESS, admin.email(), client)
                .forUser(target.tenantId(), target.id()).because(action).withDetail(target.email()));
    }
}
