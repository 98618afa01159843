package io.verrou.registration;

import java.io.Serializable;
import java.util.UUID;

import io.verrou.challenge.Channel;

/**
 * A phone being verified in the wizard: the challenge sent, the number (E.164) and how it was reached.
 */
record PhoneChallenge(UUID challengeId, String e164, Channel channel, String region) implements Serializable {
}
