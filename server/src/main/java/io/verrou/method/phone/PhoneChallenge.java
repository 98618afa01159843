package io.verrou.method.phone;

import java.io.Serializable;
import java.util.UUID;

import io.verrou.challenge.Channel;

/** A phone being verified in the wizard: the challenge sent, the number (E.164), how it was reached, the country picked. */
record PhoneChallenge(UUID challengeId, String e164, Channel channel, String region) implements Serializable {
}
