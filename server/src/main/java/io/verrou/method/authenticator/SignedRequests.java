package io.verrou.method.authenticator;

import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import io.verrou.audit.AuditEvent;
import io.verrou.audit.AuditEventType;
import io.verrou.audit.AuditLog;
import io.verrou.audit.AuditResult;
import io.verrou.audit.ClientInfo;
import io.verrou.method.authenticator.JdbcAuthenticatorDevices.StoredDevice;
import io.verrou.method.authenticator.SignatureBase.ProfileException;
import io.verrou.method.authenticator.SignatureBase.SignatureInput;
import io.verrou.user.JdbcUserRepository;
import io.verrou.user.User;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Checks a device's signed request (docs/authenticator-api.md §2): the profile's headers, the device (activated,
 * not removed), {@code created} within 300 seconds of our clock, the body's {@code Content-Digest}, the ECDSA
 * signature over the signature base rebuilt from the request as this server received it, and a nonce the device
 * has not used in the last 10 minutes. A refusal is audited, without the signature.
 */
@Component
class SignedRequests {

    static final Duration CLOCK_SKEW = Duration.ofSeconds(300);
    /** Long enough to cover every {@code created} still accepted: a replay is refused for as long as it could pass. */
    static final Duration NONCE_MEMORY = Duration.ofMinutes(10);
    private static final Duration PURGE_EVERY = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(SignedRequests.class);

    private final JdbcAuthenticatorDevices devices;
    private final JdbcUserRepository users;
    private final AuditLog audit;
    private final Clock clock;
    private final AtomicReference<Instant> lastPurge = new AtomicReference<>(Instant.MIN);

    SignedRequests(JdbcAuthenticatorDevices devices, JdbcUserRepository users, AuditLog audit, Clock clock) {
        this.devices = devices;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    /** How the check ended. */
    sealed interface Check {
        /** Signed by this device's key. */
        record Verified(StoredDevice device) implements Check {
        }

        /** Refused; {@code error} is what the API answers: {@code invalid_signature} or {@code unknown_device}. */
        record Refused(String error) implements Check {
        }
    }

    /** Checks {@code request}, whose body (already read, at most 8 kB) is {@code body}. Must not run in a transaction. */
    Check verify(HttpServletRequest request, byte[] body) {
        Instant now = clock.instant();
        ClientInfo client = ClientInfo.from(request);
        SignatureInput input;
        byte[] signature;
        try {
            input = SignatureBase.parseInput(single(request, "Signature-Input"));
            signature = SignatureBase.parseSignature(single(request, "Signature"));
        } catch (ProfileException e) {
            return refused(Optional.empty(), "invalid_signature", "malformed", client);
        }
        Optional<StoredDevice> device = devices.find(input.keyId());
        if (device.isEmpty() || !device.get().usable()) {
            return refused(device, "unknown_device", "unknown_device", client);
        }
        if (Math.abs(now.getEpochSecond() - input.created()) > CLOCK_SKEW.toSeconds()) {
            return refused(device, "invalid_signature", "stale", client);
        }
        Optional<String> contentDigest = combined(request, "Content-Digest");
        boolean digestNeeded = body.length > 0 || input.coversContentDigest();
        if (digestNeeded && (!input.coversContentDigest() || contentDigest.isEmpty()
                || !SignatureBase.digestMatches(contentDigest.get(), body))) {
            return refused(device, "invalid_signature", "digest", client);
        }
        Optional<ECPublicKey> key = device.get().publicKey().flatMap(DevicePublicKeys::parse);
        String base;
        try {
            base = SignatureBase.base(input, request.getMethod(), targetUri(request), contentDigest);
        } catch (ProfileException e) {
            return refused(device, "invalid_signature", "malformed", client);
        }
        if (key.isEmpty() || !DevicePublicKeys.verify(key.get(), base.getBytes(StandardCharsets.UTF_8), signature)) {
            return refused(device, "invalid_signature", "bad_signature", client);
        }
        // Kept in its canonical base64, so that one nonce is one row however it was written.
        String nonce = Base64.getEncoder().encodeToString(Base64.getDecoder().decode(input.nonce()));
        if (!devices.rememberNonce(device.get().id(), nonce, now)) {
            return refused(device, "invalid_signature", "replay", client);
        }
        devices.seen(device.get().id(), now);
        forgetOldNonces(device.get(), now);
        return new Check.Verified(device.get());
    }

    /** {@code @target-uri} as this server received the request. */
    static String targetUri(HttpServletRequest request) {
        return SignatureBase.targetUri(request.getScheme(), request.getServerName(), request.getServerPort(),
                request.getRequestURI(), request.getQueryString());
    }

    private void forgetOldNonces(StoredDevice device, Instant now) {
        Instant before = now.minus(NONCE_MEMORY);
        devices.forgetNonces(device.id(), before);
        Instant last = lastPurge.get();
        if (now.isAfter(last.plus(PURGE_EVERY)) || now.isBefore(last)) {
            if (lastPurge.compareAndSet(last, now)) {
                devices.forgetAllNonces(before);
            }
        }
    }

    private Check refused(Optional<StoredDevice> device, String error, String reason, ClientInfo client) {
        Optional<User> user = device.flatMap(d -> users.findById(d.userId()));
        AuditEvent event = AuditEvent.of(AuditEventType.DEVICE_SIGNATURE_REFUSED, AuditResult.FAILURE,
                user.map(User::email).orElse("unknown"), client).because(reason);
        if (device.isPresent()) {
            event = event.withDetail("device " + device.get().id());
        }
        audit.record(user.isPresent() ? event.forUser(user.get().tenantId(), user.get().id()) : event);
        log.info("Refused a signed authenticator request: {}", reason);
        return new Check.Refused(error);
    }

    /** A header that must be sent once; null when absent or repeated. */
    private static String single(HttpServletRequest request, String name) {
        List<String> values = Collections.list(request.getHeaders(name));
        return values.size() == 1 ? values.get(0) : null;
    }

    /** A header's lines joined as RFC 9421 §2.1 combines them. */
    private static Optional<String> combined(HttpServletRequest request, String name) {
        List<String> values = Collections.list(request.getHeaders(name));
        return values.isEmpty() ? Optional.empty()
                : Optional.of(String.join(", ", values.stream().map(String::strip).toList()));
    }
}
