package io.verrou.challenge;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A one-time code sent by text, or a call waiting for a key press.
 *
 * @param id        stable identifier
 * @param userId    who it was sent for
 * @param tenantId  their organisation (for its daily caps)
 * @param purpose   what it proves, e.g. {@code registration} or {@code signin}
 * @param channel   text or call
 * @param target    the number it went to, E.164
 * @param codeHash  for texts, the keyed hash of the code
 * @param callId    for calls, the id the answer comes back with
 * @param state     where it stands
 * @param attempts  wrong codes entered so far
 * @param createdAt when it was sent
 * @param expiresAt when it stops being accepted
 */
public record Challenge(
        UUID id,
        UUID userId,
        UUID tenantId,
        String purpose,
        Channel channel,
        String target,
        Optional<String> codeHash,
        Optional<UUID> callId,
        ChallengeState state,
        int attempts,
        Instant createdAt,
        Instant expiresAt) {
}
