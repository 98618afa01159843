package io.verrou.method.authenticator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.verrou.audit.ClientInfo;
import io.verrou.method.authenticator.AuthenticatorActivations.Outcome;
import io.verrou.method.authenticator.PushRequests.Answer;
import io.verrou.method.authenticator.PushRequests.PushRequest;
import io.verrou.method.authenticator.PushWaiters.Waiter;
import io.verrou.method.authenticator.SignedRequests.Check;
import io.verrou.otp.Base32;
import io.verrou.otp.OtpParameters;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * The device API of the Verrou Authenticator, version 1 (docs/authenticator-api.md): activation with a one-time
 * code, then requests signed with the device key — a long poll for pending requests, and the answers. Bodies are
 * JSON of at most 8 kB, read once, before anything else is done with them. The security filter chain lets these
 * requests through: each proves itself with its signature (or, for activation, its code).
 */
@RestController
@RequestMapping(AuthenticatorApiController.BASE)
class AuthenticatorApiController {

    static final String BASE = "/api/authenticator/v1";
    static final int MAX_BODY = 8 * 1024;
    static final int DEFAULT_WAIT = 30;
    static final int MAX_WAIT = 60;
    /** The app a request signs in to: Verrou itself until apps sign in through it (SPEC S12). */
    static final String APP = "Verrou";
    private static final MediaType JSON = new MediaType("application", "json", StandardCharsets.UTF_8);

    private final AuthenticatorActivations activations;
    private final SignedRequests signatures;
    private final PushRequests pushes;
    private final PushWaiters waiters;
    private final JsonMapper json;

    AuthenticatorApiController(AuthenticatorActivations activations, SignedRequests signatures, PushRequests pushes,
            PushWaiters waiters, JsonMapper json) {
        this.activations = activations;
        this.signatures = signatures;
        this.pushes = pushes;
        this.waiters = waiters;
        this.json = json;
    }

    /** {@code POST /activations}: {@code {"code", "publicKey", "deviceName"}} → 201 with the device id and its seed. */
    @PostMapping("/activations")
    ResponseEntity<Object> activate(HttpServletRequest request) throws IOException {
        Optional<JsonNode> body = readBody(request).flatMap(this::object);
        if (body.isEmpty()) {
            return error(HttpStatus.BAD_REQUEST, "invalid_request");
        }
        Optional<String> code = string(body.get(), "code");
        Optional<String> publicKey = string(body.get(), "publicKey");
        JsonNode name = body.get().get("deviceName");
        if (code.isEmpty() || (name != null && !name.isNull() && !name.isString())) {
            return error(HttpStatus.BAD_REQUEST, code.isEmpty() ? "invalid_activation_code" : "invalid_request");
        }
        String deviceName = name == null || name.isNull() ? null : name.stringValue();
        try {
            AuthenticatorActivations.deviceName(deviceName);
        } catch (IllegalArgumentException e) {
            return error(HttpStatus.BAD_REQUEST, "invalid_request");
        }
        Outcome outcome = activations.activate(code.get(), publicKey.orElse(null), deviceName, ClientInfo.from(request));
        if (outcome instanceof Outcome.Activated activated) {
            OtpParameters totp = OtpParameters.defaults();
            return respond(HttpStatus.CREATED, Map.of(
                    "deviceId", activated.deviceId().toString(),
                    "account", Map.of("issuer", activated.issuer(), "name", activated.accountName()),
                    "totp", Map.of("secret", Base32.encode(activated.totpSecret()),
                            "algorithm", totp.algorithm().otpauthName(), "digits", totp.digits(),
                            "period", totp.periodSeconds())));
        }
        return error(HttpStatus.BAD_REQUEST, ((Outcome.Refused) outcome).error());
    }

    /**
     * {@code GET /requests/pending?wait=N}: answers as soon as a request waits for the device, or after {@code N}
     * seconds (1 to 60, default 30) with an empty list. No thread waits meanwhile. A wait over 60 is 60; one under 1
     * answers at once.
     */
    @GetMapping("/requests/pending")
    DeferredResult<ResponseEntity<Object>> pending(@RequestParam(name = "wait", required = false) String wait,
            HttpServletRequest request) throws IOException {
        Optional<byte[]> body = readBody(request);
        if (body.isEmpty()) {
            return now(error(HttpStatus.BAD_REQUEST, "invalid_request"));
        }
        Check check = signatures.verify(request, body.get());
        if (check instanceof Check.Refused refused) {
            return now(error(HttpStatus.UNAUTHORIZED, refused.error()));
        }
        int seconds;
        try {
            seconds = wait == null || wait.isBlank() ? DEFAULT_WAIT
                    : Math.max(0, Math.min(MAX_WAIT, Integer.parseInt(wait.strip())));
        } catch (NumberFormatException e) {
            return now(error(HttpStatus.BAD_REQUEST, "invalid_request"));
        }
        UUID deviceId = ((Check.Verified) check).device().id();
        if (seconds == 0) {
            // Below the doc's range: a look without waiting, for an app that only wants the list.
            return now(pendingJson(pushes.pendingFor(deviceId)));
        }
        DeferredResult<ResponseEntity<Object>> result = new DeferredResult<>(seconds * 1000L);
        // Waiting before looking: a request made in between is not missed.
        Waiter waiter = waiters.register(deviceId, found -> result.setResult(pendingJson(found)));
        result.onCompletion(() -> waiters.cancel(waiter));
        result.onError(e -> waiters.cancel(waiter));
        result.onTimeout(() -> {
            waiters.cancel(waiter);
            // One last look, for a request made on another node since the last check.
            result.setResult(pendingJson(pushes.pendingFor(deviceId)));
        });
        List<PushRequest> already = pushes.pendingFor(deviceId);
        if (!already.isEmpty()) {
            waiter.complete(already);
        }
        return result;
    }

    /** {@code POST /requests/{id}/approve} with {@code {"number": "42"}}. */
    @PostMapping("/requests/{id}/approve")
    ResponseEntity<Object> approve(@PathVariable String id, HttpServletRequest request) throws IOException {
        return answer(id, request, (requestId, deviceId, body, client) -> {
            JsonNode number = body.get("number");
            if (number == null || !(number.isString() || number.isIntegralNumber())) {
                return Optional.empty();
            }
            return Optional.of(pushes.approve(requestId, deviceId, number.asString(), client));
        });
    }

    /** {@code POST /requests/{id}/deny} with {@code {"report": false}} (or true: "I didn't try to sign in"). */
    @PostMapping("/requests/{id}/deny")
    ResponseEntity<Object> deny(@PathVariable String id, HttpServletRequest request) throws IOException {
        return answer(id, request, (requestId, deviceId, body, client) -> {
            JsonNode report = body.get("report");
            if (report != null && !report.isNull() && !report.isBoolean()) {
                return Optional.empty();
            }
            return Optional.of(pushes.deny(requestId, deviceId, report != null && report.booleanValue(), client));
        });
    }

    @FunctionalInterface
    private interface Answering {
        /** The answer, or empty when the body does not say what it should. */
        Optional<Answer> answer(UUID requestId, UUID deviceId, JsonNode body, ClientInfo client);
    }

    private ResponseEntity<Object> answer(String id, HttpServletRequest request, Answering answering)
            throws IOException {
        Optional<byte[]> raw = readBody(request);
        if (raw.isEmpty()) {
            return error(HttpStatus.BAD_REQUEST, "invalid_request");
        }
        Check check = signatures.verify(request, raw.get());
        if (check instanceof Check.Refused refused) {
            return error(HttpStatus.UNAUTHORIZED, refused.error());
        }
        // An empty body says nothing more than {}: deny without a report.
        Optional<JsonNode> body = raw.get().length == 0 ? Optional.of(json.createObjectNode()) : object(raw.get());
        Optional<UUID> requestId = uuid(id);
        if (body.isEmpty() || requestId.isEmpty()) {
            return error(HttpStatus.BAD_REQUEST, "invalid_request");
        }
        Optional<Answer> answer = answering.answer(requestId.get(), ((Check.Verified) check).device().id(), body.get(),
                ClientInfo.from(request));
        if (answer.isEmpty()) {
            return error(HttpStatus.BAD_REQUEST, "invalid_request");
        }
        return switch (answer.get()) {
            case APPROVED -> respond(HttpStatus.OK, Map.of("result", "approved"));
            case WRONG_NUMBER -> respond(HttpStatus.OK, Map.of("result", "wrong_number"));
            case DENIED -> respond(HttpStatus.OK, Map.of("result", "denied"));
            case REPORTED -> respond(HttpStatus.OK, Map.of("result", "reported"));
            case NOT_PENDING -> respond(HttpStatus.CONFLICT, Map.of("result", "not_pending"));
        };
    }

    /** The doc's answer to a poll: {@code {"requests": [...]}}, times in Unix seconds, never the number. */
    private static ResponseEntity<Object> pendingJson(List<PushRequest> found) {
        List<Map<String, Object>> items = found.stream().<Map<String, Object>>map(r -> Map.of(
                "id", r.id().toString(),
                "kind", r.kind(),
                "app", APP,
                "browser", r.browser(),
                "ip", r.ip(),
                "createdAt", r.createdAt().getEpochSecond(),
                "expiresAt", r.expiresAt().getEpochSecond())).toList();
        return respond(HttpStatus.OK, Map.of("requests", items));
    }

    /** The body, or empty when it is over 8 kB. */
    private static Optional<byte[]> readBody(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > MAX_BODY) {
            return Optional.empty();
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            return body.length > MAX_BODY ? Optional.empty() : Optional.of(body);
        }
    }

    private Optional<JsonNode> object(byte[] body) {
        try {
            JsonNode node = json.readTree(body);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> string(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value != null && value.isString() ? Optional.of(value.stringValue()) : Optional.empty();
    }

    private static Optional<UUID> uuid(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static DeferredResult<ResponseEntity<Object>> now(ResponseEntity<Object> response) {
        DeferredResult<ResponseEntity<Object>> result = new DeferredResult<>();
        result.setResult(response);
        return result;
    }

    private static ResponseEntity<Object> error(HttpStatus status, String error) {
        return respond(status, Map.of("error", error));
    }

    private static ResponseEntity<Object> respond(HttpStatus status, Object body) {
        return ResponseEntity.status(status).contentType(JSON).cacheControl(CacheControl.noStore()).body(body);
    }
}
