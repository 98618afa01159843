package io.verrou.challenge;

import java.util.UUID;

import io.verrou.audit.ClientInfo;

/**
 * Published when a person says a request was not theirs — 0# on a call, "Deny and report" in the app — inside the
 * transaction that recorded the answer, so that whoever blocks their second factor does it in the same one.
 *
 * @param userId whose request it was
 * @param client where the request came from: the browser that asked for it, when known
 */
public record FraudReported(UUID userId, ClientInfo client) {
}
