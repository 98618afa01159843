package io.verrou.method.questions;

import java.time.Instant;
import java.util.UUID;

/**
 * A security question an organisation wrote for its people. It is shown as written, in every language.
 *
 * @param id        stable identifier; answers are stored under its text form
 * @param tenantId  the organisation that wrote it
 * @param text      the question, 3 to 200 characters
 * @param createdAt when it was added
 */
public record CustomQuestion(UUID id, UUID tenantId, String text, Instant createdAt) {
}
