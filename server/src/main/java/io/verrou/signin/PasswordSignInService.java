package io.verrou.signin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.verrou.audit.AuditEvent;
import io.verrou.audit.AuditEventType;
import io.verrou.audit.AuditLog;
import io.verrou.audit.AuditResult;
import io.verrou.audit.ClientInfo;
import io.verrou.crypto.KeyedHash;
import io.verrou.method.tap.TemporaryAccessPasses;
import io.verrou.user.JdbcUserRepository;
import io.verrou.user.User;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Checks a password, or a Temporary Access Pass, for a sign-in name, with lockout (SPEC S2). An unknown name, a disabled account and a
 * wrong password take the same path and the same time: the password is always hashed, and each case counts
 * toward the same lockout.
 */
@Service
public class PasswordSignInService {

    private static final Logger log = LoggerFactory.getLogger(PasswordSignInService.class);
    private static final String FAILURE_HASH_PURPOSE = "signin-failure";

    private final JdbcUserRepository users;
    private final JdbcSignInLockoutRepository lockouts;
    private final PasswordEncoder passwordEncoder;
    private final KeyedHash keyedHash;
    private final AuditLog audit;
    private final TemporaryAccessPasses passes;
    private final Clock clock;
    private final String unknownAccountHash;

    public PasswordSignInService(JdbcUserRepository users, JdbcSignInLockoutRepository lockouts,
            PasswordEncoder passwordEncoder, KeyedHash keyedHash, AuditLog audit, TemporaryAccessPasses passes,
            Clock clock) {
        this.passes = passes;
        this.users = users;
        this.lockouts = lockouts;
        this.passwordEncoder = passwordEncoder;
        this.keyedHash = keyedHash;
        this.audit = audit;
        this.clock = clock;
        // Checked against when no account has the name, so that the answer takes as long as for a real one.
        this.unknownAccountHash = passwordEncoder.encode("no account has this name");
    }

    /**
     * Signs in with a normalised sign-in name and a password.
     */
    @Transactional
    public SignInResult signIn(String signInName, String password, ClientInfo client) {
        return attempt(signInName, password, Credential.PASSWORD, client);
    }

    /**
     * Signs in with a normalised sign-in name and a Temporary Access Pass (SPEC S11): instead of the password
     * and the second factor. Wrong passes count toward the same lockout as wrong passwords.
     */
    @Transactional
    public SignInResult signInWithPass(String signInName, String pass, ClientInfo client) {
        return attempt(signInName, pass, Credential.TEMPORARY_ACCESS_PASS, client);
    }

    private enum Credential {
        PASSWORD, TEMPORARY_ACCESS_PASS
    }

    private SignInResult attempt(String signInName, String secret, Credential credential, ClientInfo client) {
        Instant now = clock.instant();
        SignInLockout before = lockouts.findForUpdate(signInName).orElseGet(() -> SignInLockout.none(signInName));
        Optional<User> account = users.findByEmail(signInName);
        AuditEvent attempt = AuditEvent.of(AuditEventType.SIGN_IN, AuditResult.FAILURE, signInName, client);
        if (account.isPresent()) {
            attempt = attempt.forUser(account.get().tenantId(), account.get().id());
        }

        if (before.isLocked(now)) {
            audit.record(attempt.because("locked"));
            return new SignInResult.Locked(Duration.between(now, before.lockedUntil().orElseThrow()));
        }

        boolean matches = credential == Credential.PASSWORD
                ? passwordEncoder.matches(secret, account.map(User::passwordHash).orElse(unknownAccountHash))
                : account.map(user -> passes.verify(user, secret)).orElse(false);
        if (matches && account.isPresent() && account.get().enabled()) {
            User user = account.get();
            lockouts.clear(signInName);
            Optional<Instant> temporaryUntil = credential == Credential.PASSWORD
                    ? users.temporaryPasswordExpiry(user.id()) : Optional.empty();
            if (credential == Credential.PASSWORD) {
                if (temporaryUntil.filter(expiry -> !now.isBefore(expiry)).isPresent()) {
                    audit.record(attempt.because("temporary_password_expired"));
                    return new SignInResult.TemporaryExpired();
                }
                if (passwordEncoder.upgradeEncoding(user.passwordHash())) {
                    users.rehashPassword(user.id(), passwordEncoder.encode(secret));
                }
            }
            audit.record(new AuditEvent(AuditEventType.SIGN_IN, AuditResult.SUCCESS, signInName,
                    attempt.tenantId(), attempt.userId(),
                    Optional.of(credential == Credential.PASSWORD ? "password" : "temporary_access_pass"), client,
                    Optional.empty()));
            return new SignInResult.Succeeded(user, temporaryUntil.isPresent());
        }

        String reason = account.isEmpty() ? "unknown_account"
                : matches ? "account_disabled" : credential == Credential.PASSWORD ? "wrong_password" : "wrong_pass";
        // The same wrong secret again is not counted: keep a keyed hash of the name and what was typed.
        String failureHash = keyedHash.hash(FAILURE_HASH_PURPOSE, signInName + '\n' + secret).substring(0, 22);
        if (before.isRepeat(failureHash)) {
            audit.record(attempt.because(reason).withDetail("repeated"));
            return new SignInResult.Failed();
        }
        SignInLockout after = before.afterFailure(failureHash, now);
        lockouts.save(after, now);
        audit.record(attempt.because(reason));
        if (after.lockedSince(before)) {
            Duration length = Duration.between(now, after.lockedUntil().orElseThrow());
            log.warn("Sign-in name locked for {} s after {} failed passwords", length.toSeconds(), after.failures());
            audit.record(new AuditEvent(AuditEventType.ACCOUNT_LOCKED, AuditResult.SUCCESS, signInName,
                    attempt.tenantId(), attempt.userId(), Optional.of("too_many_failures"), client,
                    Optional.of("locked for " + length.toSeconds() + " s")));
            return new SignInResult.Locked(length);
        }
        return new SignInResult.Failed();
    }
}
