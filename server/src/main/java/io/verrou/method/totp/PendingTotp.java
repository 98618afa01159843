package io.verrou.method.totp;

import java.io.Serializable;
import java.util.UUID;

/**
 * An authenticator app being set up: the id the method will have and its secret, sealed (it waits in the
 * session, which lives in the database).
 *
 * @param methodId     the id the method gets once verified; the seal is bound to it
 * @param sealedSecret the seed, sealed
 */
public record PendingTotp(UUID methodId, String sealedSecret) implements Serializable {
}
