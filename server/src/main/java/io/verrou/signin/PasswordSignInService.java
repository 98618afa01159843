package io.verrou.signin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;

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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checks a password, or a Temporary Access Pass, for a sign-in name, with lockout (SPEC S2). An unknown name, a disabled account and a
 * wrong password take the same path and the same time: the password is always hashed, and each case counts
 * toward the same lockout.
 *
 * <p>The password is hashed outside any transaction, so that no connection waits on it: a first look at the
 * lockout and the account, then the hash, then one short transaction that locks the name's row, decides, counts
 * and audits. A name that became locked while the hash ran is refused there, so parallel guesses get no more
 * tries than sequential ones.
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
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final String unknownAccountHash;

    public PasswordSignInService(JdbcUserRepository users, JdbcSignInLockoutRepository lockouts,
            PasswordEncoder passwordEncoder, KeyedHash keyedHash, AuditLog audit, TemporaryAccessPasses passes,
            PlatformTransactionManager transactions, Clock clock) {
        this.passes = passes;
        this.users = users;
        this.lockouts = lockouts;
        this.passwordEncoder = passwordEncoder;
        this.keyedHash = keyedHash;
        this.audit = audit;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        // Checked against when no account has the name, so that the answer takes as long as for a real one.
        this.unknownAccountHash = passwordEncoder.encode("no account has this name");
    }

    /**
     * Signs in with a normalised sign-in name and a password.
     *
     * @throws io.verrou.crypto.CapacityExceededException when no hash can start within the short queue; nothing
     *                                                    is counted then
     */
    public SignInResult signIn(String signInName, String password, ClientInfo client) {
        Optional<User> account = users.findByEmail(signInName);
        SignInLockout seen = lockouts.find(signInName).orElseGet(() -> SignInLockout.none(signInName));
        if (seen.isLocked(clock.instant())) {
            audit.record(attempt(signInName, account, client).because("locked"));
            return locked(seen);
        }
        boolean matches = passwordEncoder.matches(password, account.map(User::passwordHash).orElse(unknownAccountHash));
        boolean accepted = matches && account.filter(User::enabled).isPresent();
        Optional<String> raised = accepted && passwordEncoder.upgradeEncoding(account.get().passwordHash())
                ? Optional.of(passwordEncoder.encode(password)) : Optional.empty();
        return conclude(signInName, account, password, () -> matches, Credential.PASSWORD, raised, client);
    }

    /**
     * Signs in with a normalised sign-in name and a Temporary Access Pass (SPEC S11): instead of the password
     * and the second factor. Wrong passes count toward the same lockout as wrong passwords.
     */
    public SignInResult signInWithPass(String signInName, String pass, ClientInfo client) {
        Optional<User> account = users.findByEmail(signInName);
        // A keyed hash, not a slow one: the pass is checked, and a one-time pass used up, inside the transaction.
        return conclude(signInName, account, pass, () -> account.map(user -> passes.verify(user, pass, client)).orElse(false),
                Credential.TEMPORARY_ACCESS_PASS, Optional.empty(), client);
    }

    private enum Credential {
        PASSWORD, TEMPORARY_ACCESS_PASS
    }

    private SignInResult conclude(String signInName, Optional<User> account, String secret, BooleanSupplier check,
            Credential credential, Optional<String> raisedHash, ClientInfo client) {
        boolean mayFail = credential == Credential.TEMPORARY_ACCESS_PASS || !check.getAsBoolean()
                || account.filter(User::enabled).isEmpty();
        if (mayFail) {
            lockouts.ensureRow(signInName, clock.instant());
        }
        return transaction.execute(status -> {
            Instant now = clock.instant();
            SignInLockout before = lockouts.findForUpdate(signInName).orElseGet(() -> SignInLockout.none(signInName));
            AuditEvent attempt = attempt(signInName, account, client);
            if (before.isLocked(now)) {
                audit.record(attempt.because("locked"));
                return locked(before);
            }
            boolean matches = check.getAsBoolean();
            if (matches && account.isPresent() && account.get().enabled()) {
                return succeeded(signInName, account.get(), credential, raisedHash, attempt, now);
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
        });
    }

    private SignInResult succeeded(String signInName, User user, Credential credential, Optional<String> raisedHash,
            AuditEvent attempt, Instant now) {
        lockouts.clear(signInName);
        Optional<Instant> temporaryUntil = credential == Credential.PASSWORD
                ? users.temporaryPasswordExpiry(user.id()) : Optional.empty();
        if (temporaryUntil.filter(expiry -> !now.isBefore(expiry)).isPresent()) {
            audit.record(attempt.because("temporary_password_expired"));
            return new SignInResult.TemporaryExpired();
        }
        raisedHash.ifPresent(hash -> users.rehashPassword(user.id(), hash));
        audit.record(new AuditEvent(AuditEventType.SIGN_IN, AuditResult.SUCCESS, attempt.actor(), attempt.tenantId(),
                attempt.userId(), Optional.of(credential == Credential.PASSWORD ? "password" : "temporary_access_pass"),
                attempt.client(), Optional.empty()));
        return new SignInResult.Succeeded(user, temporaryUntil.isPresent());
    }

    private static AuditEvent attempt(String signInName, Optional<User> account, ClientInfo client) {
        AuditEvent attempt = AuditEvent.of(AuditEventType.SIGN_IN, AuditResult.FAILURE, signInName, client);
        return account.map(user -> attempt.forUser(user.tenantId(), user.id())).orElse(attempt);
    }

    private SignInResult locked(SignInLockout lockout) {
        return new SignInResult.Locked(Duration.between(clock.instant(), lockout.lockedUntil().orElseThrow()));
    }
}
