package io.verrou.method.authenticator;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import io.verrou.audit.AuditEvent;
import io.verrou.audit.AuditEventType;
import io.verrou.audit.AuditLog;
import io.verrou.audit.AuditResult;
import io.verrou.audit.ClientInfo;
import io.verrou.crypto.KeyedHash;
import io.verrou.crypto.SecretSealer;
import io.verrou.delivery.ChangeKind;
import io.verrou.method.SecurityInfoChanged;
import io.verrou.otp.Base32;
import io.verrou.otp.SecretGenerator;
import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.user.JdbcUserRepository;
import io.verrou.user.User;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Activating the Verrou Authenticator (docs/authenticator-api.md §1). Setting it up makes a device with its own
 * TOTP seed and a 24-character activation code (120 random bits) valid 10 minutes, kept only as a keyed hash; the
 * app sends the code with its P-256 public key, once, and gets the seed back. The device's id becomes the id of the
 * person's authenticator method, so the seed is sealed with that id, as every method's seed is.
 */
@Service
public class AuthenticatorActivations {

    static final Duration LIFETIME = Duration.ofMinutes(10);
    static final int CODE_BYTES = 15;
    static final int CODE_LENGTH = 24;
    static final int MAX_NAME = 64;
    static final String CODE_PURPOSE = "authenticator-activation";
    /** The name of an app that did not say its own. */
    static final String DEFAULT_NAME = "Verrou Authenticator";

    private static final Logger log = LoggerFactory.getLogger(AuthenticatorActivations.class);

    private final JdbcAuthenticatorDevices devices;
    private final JdbcUserRepository users;
    private final JdbcTenantRepository tenants;
    private final KeyedHash keyedHash;
    private final SecretSealer sealer;
    private final AuditLog audit;
    private final SecureRandom random;
    private final Clock clock;

    AuthenticatorActivations(JdbcAuthenticatorDevices devices, JdbcUserRepository users,
            JdbcTenantRepository tenants, KeyedHash keyedHash, SecretSealer sealer, AuditLog audit, SecureRandom random,
            Clock clock) {
        this.devices = devices;
        this.users = users;
        this.tenants = tenants;
        this.keyedHash = keyedHash;
        this.sealer = sealer;
        this.audit = audit;
        this.random = random;
        this.clock = clock;
    }

    /**
     * An app waiting to be activated.
     *
     * @param deviceId  the device's id, which becomes the authenticator method's id
     * @param code      the activation code, 24 Base32 characters without spaces (show it in groups of 4)
     * @param expiresAt when the code stops working
     */
    public record Activation(UUID deviceId, String code, Instant expiresAt) {

        /** Leaves the code out. */
        @Override
        public String toString() {
            return "Activation[deviceId=" + deviceId + ", expiresAt=" + expiresAt + "]";
        }
    }

    /**
     * A device as the rest of Verrou sees it.
     *
     * @param name             the name the app gave itself at activation; null before
     * @param activated        whether the app has activated (sent its key)
     * @param revoked          whether it was removed: its requests are refused
     * @param sealedTotpSecret its TOTP seed, sealed with the device id as associated data
     */
    public record Device(UUID id, UUID userId, String name, boolean activated, boolean revoked,
            String sealedTotpSecret) {

        /** Leaves the sealed secret out. */
        @Override
        public String toString() {
            return "Device[id=" + id + ", userId=" + userId + ", activated=" + activated + ", revoked=" + revoked + "]";
        }
    }

    /** How an activation request ended, for the API. */
    sealed interface Outcome {
        /** Activated: what the app is told. */
        record Activated(UUID deviceId, String issuer, String accountName, byte[] totpSecret) implements Outcome {
            @Override
            public String toString() {
                return "Activated[deviceId=" + deviceId + "]";
            }
        }

        /** Refused, with the API's error code. */
        record Refused(String error) implements Outcome {
        }
    }

    /**
     * Starts setting up an app for {@code user}: a new device with a fresh seed, and its activation code. Codes the
     * person was given before and did not use stop working.
     */
    @Transactional
    public Activation begin(User user) {
        Instant now = clock.instant();
        devices.supersedeUnused(user.id());
        UUID deviceId = UUID.randomUUID();
        byte[] codeBytes = new byte[CODE_BYTES];
        random.nextBytes(codeBytes);
        String code = Base32.encode(codeBytes);
        String sealedSeed = sealer.seal(SecretGenerator.newSecret(random, SecretGenerator.DEFAULT_BYTES),
                deviceId.toString());
        devices.insertDevice(deviceId, user.id(), sealedSeed, now);
        Instant expiresAt = now.plus(LIFETIME);
        devices.insertActivation(keyedHash.hash(CODE_PURPOSE, code), deviceId, user.id(), expiresAt);
        return new Activation(deviceId, code, expiresAt);
    }

    /** What the QR code holds: {@code verrou-authenticator://activate?url=…&code=…}, both percent-encoded. */
    public String activationUri(String serverUrl, Activation activation) {
        return "verrou-authenticator://activate?url=" + percentEncode(serverUrl) + "&code="
                + percentEncode(activation.code());
    }

    /** A device, activated or not, revoked or not. */
    @Transactional(readOnly = true)
    public Optional<Device> device(UUID deviceId) {
        return devices.find(deviceId).map(JdbcAuthenticatorDevices.StoredDevice::device);
    }

    /**
     * Activates the device a code was made for, with the app's public key and name. An unknown, used or expired
     * code gets the same answer; so does a code of a person who can no longer sign in. The code is used up only
     * when the activation succeeds.
     */
    @Transactional
    Outcome activate(String typedCode, String publicKey, String deviceName, ClientInfo client) {
        Instant now = clock.instant();
        String code = normaliseCode(typedCode);
        Optional<JdbcAuthenticatorDevices.StoredActivation> activation = code.length() == CODE_LENGTH
                && code.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7'))
                ? devices.findActivation(keyedHash.hash(CODE_PURPOSE, code)) : Optional.empty();
        Optional<User> user = activation.flatMap(a -> users.findById(a.userId()));
        if (activation.isEmpty() || activation.get().used() || !now.isBefore(activation.get().expiresAt())
                || user.isEmpty() || !user.get().enabled()) {
            refused(user, "invalid_activation_code", client);
            return new Outcome.Refused("invalid_activation_code");
        }
        Optional<ECPublicKey> key = DevicePublicKeys.parse(publicKey);
        if (key.isEmpty()) {
            refused(user, "invalid_public_key", client);
            return new Outcome.Refused("invalid_public_key");
        }
        UUID deviceId = activation.get().deviceId();
        String name = deviceName(deviceName);
        if (!devices.useActivation(keyedHash.hash(CODE_PURPOSE, code), now)
                || !devices.activate(deviceId, name, DevicePublicKeys.encode(key.get()), now)) {
            // Another request used the code between our look and our update.
            refused(user, "invalid_activation_code", client);
            return new Outcome.Refused("invalid_activation_code");
        }
        JdbcAuthenticatorDevices.StoredDevice device = devices.find(deviceId).orElseThrow();
        byte[] seed = sealer.open(device.sealedTotpSecret(), deviceId.toString());
        String issuer = tenants.findById(user.get().tenantId()).orElseThrow().name();
        audit.record(AuditEvent.of(AuditEventType.DEVICE_ACTIVATED, AuditResult.SUCCESS, user.get().email(), client)
                .forUser(user.get().tenantId(), user.get().id())
                .withDetail("device " + deviceId));
        log.info("Authenticator device {} activated", deviceId);
        return new Outcome.Activated(deviceId, issuer, user.get().email(), seed);
    }

    /** Removing the authenticator method from Security info removes the device: its requests are refused. */
    @EventListener
    void onMethodDeleted(SecurityInfoChanged event) {
        if (event.change() == ChangeKind.METHOD_DELETED
                && event.method().map(m -> m.kind() == AuthenticatorAppKind.KIND).orElse(false)) {
            devices.revoke(event.method().get().id());
        }
    }

    private void refused(Optional<User> user, String reason, ClientInfo client) {
        AuditEvent event = AuditEvent.of(AuditEventType.DEVICE_ACTIVATED, AuditResult.FAILURE,
                user.map(User::email).orElse("unknown"), client).because(reason);
        audit.record(user.map(u -> event.forUser(u.tenantId(), u.id())).orElse(event));
    }

    /** People type codes in groups, with spaces or hyphens, in any case. */
    static String normaliseCode(String code) {
        return code == null ? "" : code.replaceAll("[\\s\\-]", "").toUpperCase(Locale.ROOT);
    }

    /**
     * The name the app gave, without control characters; the default name when it gave none.
     *
     * @throws IllegalArgumentException when it is longer than 64 characters
     */
    static String deviceName(String given) {
        String printable = given == null ? "" : given.codePoints()
                .filter(c -> !Character.isISOControl(c) && Character.getType(c) != Character.FORMAT)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString().strip();
        if (printable.codePointCount(0, printable.length()) > MAX_NAME) {
            throw new IllegalArgumentException("A device name has at most 64 characters");
        }
        return printable.isEmpty() ? DEFAULT_NAME : printable;
    }

    private static String percentEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
