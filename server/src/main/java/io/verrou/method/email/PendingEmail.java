package io.verrou.method.email;

import java.io.Serializable;
import java.util.UUID;

/** An email address waiting for its code to be entered: the challenge sent and the address. */
record PendingEmail(UUID challengeId, String address) implements Serializable {
}
