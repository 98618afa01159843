package io.verrou.method.totp;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import io.verrou.audit.ClientInfo;
import io.verrou.crypto.SecretSealer;
import io.verrou.method.AuthMethod;
import io.verrou.method.AuthMethods;
import io.verrou.method.JdbcAuthMethodRepository;
import io.verrou.otp.Base32;
import io.verrou.otp.OtpAuthUri;
import io.verrou.otp.OtpParameters;
import io.verrou.otp.SecretGenerator;
import io.verrou.otp.Totp;
import io.verrou.tenant.Tenant;
import io.verrou.user.User;

import org.springframework.stereotype.Service;

/**
 * Authenticator apps that show codes (SPEC S4.2): any standard app, through the standard
 * {@code otpauth://totp/} URI — SHA1, 6 digits, 30 seconds, a 160-bit secret. A code is accepted for the
 * current step and the one on either side, and never twice.
 */
@Service
public class TotpMethods {

    static final String LABEL = "Authenticator app";
    private static final int WINDOW = 1;

    private final SecretSealer sealer;
    private final AuthMethods methods;
    private final JdbcAuthMethodRepository repository;
    private final SecureRandom random;
    private final Clock clock;
    private final Totp totp = new Totp(OtpParameters.defaults());

    public TotpMethods(SecretSealer sealer, AuthMethods methods, JdbcAuthMethodRepository repository,
            SecureRandom random, Clock clock) {
        this.sealer = sealer;
        this.methods = methods;
        this.repository = repository;
        this.random = random;
        this.clock = clock;
    }

    /** A new secret for an app about to be set up. */
    public PendingTotp begin() {
        UUID id = UUID.randomUUID();
        return new PendingTotp(id, sealer.seal(SecretGenerator.newSecret(random), id.toString()));
    }

    /** What the QR code holds: issuer = the organisation, account = the person's email. */
    public OtpAuthUri uri(PendingTotp pending, User user, Tenant tenant) {
        return OtpAuthUri.totp(tenant.name(), user.email(), open(pending), OtpParameters.defaults());
    }

    /** The secret as people type it into an app that can't scan: Base32, in groups of 4. */
    public String typedSecret(PendingTotp pending) {
        return Base32.group(Base32.encode(open(pending)), 4);
    }

    /** Registers the app when {@code code} is its current code. */
    public Optional<AuthMethod> complete(User user, PendingTotp pending, String code, ClientInfo client) {
        OptionalLong step = totp.verify(open(pending), normalise(code), clock.instant(), WINDOW, Long.MIN_VALUE);
        if (step.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(methods.add(user, pending.methodId(), TotpAppKind.KIND, LABEL, Optional.empty(),
                Optional.of(pending.sealedSecret()), Optional.empty(), step, client));
    }

    /** Whether {@code code} is a code of this app not accepted before; if so, it is now used up. */
    public boolean verify(AuthMethod method, String code) {
        // Any app that shows codes: its seed is sealed under the method's id (the Verrou Authenticator's too).
        if (method.sealedSecret().isEmpty()) {
            return false;
        }
        byte[] secret = sealer.open(method.sealedSecret().get(), method.id().toString());
        OptionalLong step = totp.verify(secret, normalise(code), clock.instant(), WINDOW, Long.MIN_VALUE);
        return step.isPresent() && repository.advanceLastUsedStep(method.id(), step.getAsLong(), clock.instant());
    }

    private byte[] open(PendingTotp pending) {
        return sealer.open(pending.sealedSecret(), pending.methodId().toString());
    }

    /** People type codes with spaces or dashes, as apps show them ("123 456"). */
    static String normalise(String code) {
        return code == null ? "" : code.replaceAll("[\\s\\-]", "");
    }
}
