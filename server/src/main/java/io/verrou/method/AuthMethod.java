package io.verrou.method;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One registered method of a person.
 *
 * @param id           stable identifier
 * @param userId       whose it is
 * @param kind         what it is
 * @param label        the name shown for it, e.g. "Authenticator app"
 * @param detail       what it reaches, unmasked: a phone number in E.164, an email address
 * @param sealedSecret its secret sealed at rest (a TOTP seed), when it has one
 * @param channel      for phones, the way to reach it by default: {@code sms} or {@code voice}
 * @param isDefault    whether sign-in starts with it
 * @param createdAt    when it was registered
 * @param lastUsedAt   when it last served
 */
public record AuthMethod(
        UUID id,
        UUID userId,
        MethodKind kind,
        String label,
        Optional<String> detail,
        Optional<String> sealedSecret,
        Optional<String> channel,
        boolean isDefault,
        Instant createdAt,
        Optional<Instant> lastUsedAt) {

    /** Leaves the sealed secret out. */
    @Override
    public String toString() {
        return "AuthMethod[id=" + id + ", kind=" + kind + ", default=" + isDefault + "]";
    }
}
