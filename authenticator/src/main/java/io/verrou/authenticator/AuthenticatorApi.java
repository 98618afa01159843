package io.verrou.authenticator;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The client side of the Verrou Authenticator device API, version 1 ({@code docs/authenticator-api.md}).
 *
 * <p>Every request after activation is signed by {@link RequestSigner}. Failures become
 * {@link AuthenticatorException}s with a message for the person: a refusal from the server exits with 1, a server
 * that cannot be reached or gives an unusable answer exits with 2.
 */
final class AuthenticatorApi {

    /** How long to wait for a TCP (and TLS) connection. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /** How long to wait for the answer to an ordinary request. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    /** How much longer than its {@code wait} a long poll may take: the server answers after {@code wait} seconds. */
    static final Duration LONG_POLL_MARGIN = Duration.ofSeconds(15);

    /** The shortest and longest {@code wait} the server accepts (doc section 3). */
    static final int MIN_WAIT_SECONDS = 1;

    /** The longest {@code wait} the server accepts. */
    static final int MAX_WAIT_SECONDS = 60;

    /** Longest device name the server accepts (doc section 1). */
    static final int MAX_DEVICE_NAME_LENGTH = 64;

    private static final String JSON = "application/json";
    private static final String JSON_UTF8 = "application/json; charset=utf-8";

    /**
     * URI-unreserved characters only: a request id goes into a path, and one typed by the person must not be able
     * to change which path is called (and therefore what is signed).
     */
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._~-]{1,128}");

    private final HttpClient http;
    private final RequestSigner signer;

    /**
     * Creates a client.
     *
     * @param http   the HTTP client, normally {@link #newHttpClient()}
     * @param signer signs every request made with a device key
     */
    AuthenticatorApi(HttpClient http, RequestSigner signer) {
        this.http = Objects.requireNonNull(http, "http");
        this.signer = Objects.requireNonNull(signer, "signer");
    }

    /**
     * Creates the HTTP client the program uses.
     *
     * <p>HTTP/1.1 because a cleartext HTTP/2 upgrade adds nothing for one request at a time and some proxies
     * mishandle it. Redirects are not followed: a signature covers the exact target URI, so a redirected signed
     * request would be refused anyway, and the person had better fix the server URL.
     *
     * @return a client with a 10-second connect timeout
     */
    static HttpClient newHttpClient() {
        return HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * Activates a new device with a one-time activation code ({@code POST /activations}, not signed: the device
     * has no id yet).
     *
     * @param server     the server
     * @param code       the activation code
     * @param publicKey  the device's new public key
     * @param deviceName the name the server shows for this device
     * @return the device id, account and TOTP settings
     * @throws AuthenticatorException if the server refuses or cannot be used
     * @throws InterruptedException   if the thread is interrupted while waiting for the answer
     */
    Activation activate(ServerUrl server, ActivationCode code, PublicKey publicKey, String deviceName)
            throws InterruptedException {
        ObjectNode body = Json.MAPPER.createObjectNode()
                .put("code", code.value())
                .put("publicKey", DeviceKeys.encodePublicKey(publicKey))
                .put("deviceName", deviceName);
        HttpRequest request = HttpRequest.newBuilder(server.api("/activations"))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", JSON)
                .header("Content-Type", JSON_UTF8)
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body)))
                .build();
        JsonNode answer = success(server, send(server, request));
        JsonNode account = object(answer, "account");
        JsonNode totp = object(answer, "totp");
        String deviceId = text(answer, "deviceId");
        if (deviceId.isEmpty() || !RequestSigner.isSfString(deviceId)) {
            throw invalidAnswer("deviceId");
        }
        TotpSettings settings;
        try {
            settings = new TotpSettings(text(totp, "secret"), text(totp, "algorithm"),
                    smallNumber(totp, "digits"), smallNumber(totp, "period"));
        } catch (IllegalArgumentException e) {
            throw AuthenticatorException.failed("The server's answer is not valid: unusable TOTP settings ("
                    + e.getMessage() + ").", e);
        }
        return new Activation(deviceId, text(account, "issuer"), text(account, "name"), settings);
    }

    /**
     * Waits for sign-in requests with the server's long poll ({@code GET /requests/pending?wait=N}).
     *
     * @param account     the account
     * @param waitSeconds how long the server may hold the request, 1 to 60
     * @return the pending requests; empty if none came within the wait
     * @throws AuthenticatorException if the server refuses or cannot be used
     * @throws InterruptedException   if the thread is interrupted while waiting
     */
    List<PendingRequest> pending(Account account, int waitSeconds) throws InterruptedException {
        if (waitSeconds < MIN_WAIT_SECONDS || waitSeconds > MAX_WAIT_SECONDS) {
            throw new IllegalArgumentException("wait must be between 1 and 60 seconds, was " + waitSeconds);
        }
        Response response = fetchPending(account, waitSeconds);
        return requests(success(account.serverUrl(), response));
    }

    /**
     * Lists the pending requests without waiting ({@code wait=0}), to find the one to answer.
     *
     * @param account the account
     * @return the pending requests, possibly none
     * @throws AuthenticatorException if the server refuses or cannot be used
     * @throws InterruptedException   if the thread is interrupted while waiting
     */
    List<PendingRequest> pendingNow(Account account) throws InterruptedException {
        Response response = fetchPending(account, 0);
        if (response.status() == 400) {
            // The doc gives wait a 1-60 range; a server that holds to it strictly refuses 0. One second is then
            // the nearest allowed wait, and the server still answers at once when a request is pending.
            return pending(account, MIN_WAIT_SECONDS);
        }
        return requests(success(account.serverUrl(), response));
    }

    /**
     * Approves a request with the number shown on the sign-in page.
     *
     * @param account   the account
     * @param requestId the request
     * @param number    the number, as the person typed it
     * @return {@link Answer#APPROVED} or {@link Answer#WRONG_NUMBER}
     * @throws AuthenticatorException if the request is no longer pending, or the server refuses or cannot be used
     * @throws InterruptedException   if the thread is interrupted while waiting
     */
    Answer approve(Account account, String requestId, String number) throws InterruptedException {
        ObjectNode body = Json.MAPPER.createObjectNode().put("number", number);
        return answer(account, requestId, "approve", body);
    }

    /**
     * Denies a request, and reports it when the person did not try to sign in.
     *
     * @param account   the account
     * @param requestId the request
     * @param report    true for <b>Deny and report</b>
     * @return {@link Answer#DENIED} or {@link Answer#REPORTED}
     * @throws AuthenticatorException if the request is no longer pending, or the server refuses or cannot be used
     * @throws InterruptedException   if the thread is interrupted while waiting
     */
    Answer deny(Account account, String requestId, boolean report) throws InterruptedException {
        ObjectNode body = Json.MAPPER.createObjectNode().put("report", report);
        return answer(account, requestId, "deny", body);
    }

    /**
     * Checks a request id before it goes into a path.
     *
     * @param requestId the id, typed or received
     * @return the id
     * @throws AuthenticatorException (exit 2) if the id has characters a request id does not have
     */
    static String requireRequestId(String requestId) {
        if (!REQUEST_ID.matcher(requestId).matches()) {
            throw AuthenticatorException.failed("Not a request id: '" + Display.safe(requestId) + "'.");
        }
        return requestId;
    }

    private Answer answer(Account account, String requestId, String action, ObjectNode body)
            throws InterruptedException {
        URI uri = account.serverUrl().api("/requests/" + requireRequestId(requestId) + "/" + action);
        HttpRequest request = signed(account, "POST", uri, Optional.of(Json.MAPPER.writeValueAsBytes(body)),
                REQUEST_TIMEOUT);
        JsonNode answer = success(account.serverUrl(), send(account.serverUrl(), request));
        String result = text(answer, "result");
        return Answer.fromWireName(result).orElseThrow(() -> AuthenticatorException.failed(
                "The server's answer is not valid: unknown result '" + Display.safe(result) + "'."));
    }

    private Response fetchPending(Account account, int waitSeconds) throws InterruptedException {
        URI uri = account.serverUrl().api("/requests/pending?wait=" + waitSeconds);
        // The server holds the request up to the wait; the margin covers the network and a busy server.
        Duration timeout = Duration.ofSeconds(waitSeconds).plus(LONG_POLL_MARGIN);
        return send(account.serverUrl(), signed(account, "GET", uri, Optional.empty(), timeout));
    }

    private HttpRequest signed(Account account, String method, URI uri, Optional<byte[]> body, Duration timeout) {
        RequestSigner.SignedHeaders headers = signer.sign(method, uri, body, account.deviceId(), account.privateKey());
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", JSON)
                .header("Signature-Input", headers.signatureInput())
                .header("Signature", headers.signature());
        headers.contentDigest().ifPresent(digest -> builder.header("Content-Digest", digest));
        if (body.isPresent()) {
            builder.header("Content-Type", JSON_UTF8)
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(body.get()));
        } else {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return builder.build();
    }

    /** A received answer. */
    private record Response(int status, byte[] body, Optional<String> location) {
    }

    private Response send(ServerUrl server, HttpRequest request) throws InterruptedException {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.body(), response.headers().firstValue("Location"));
        } catch (HttpConnectTimeoutException e) {
            throw AuthenticatorException.failed("Cannot reach the server at " + server + ": no connection within "
                    + CONNECT_TIMEOUT.toSeconds() + " seconds.", e);
        } catch (HttpTimeoutException e) {
            throw AuthenticatorException.failed("The server at " + server + " did not answer in time.", e);
        } catch (SSLException e) {
            throw AuthenticatorException.failed("Cannot make a secure connection to " + server + ": "
                    + reason(e) + ".", e);
        } catch (ConnectException e) {
            throw AuthenticatorException.failed("Cannot reach the server at " + server + ": " + reason(e) + ".", e);
        } catch (IOException e) {
            throw AuthenticatorException.failed("Cannot talk to the server at " + server + ": " + reason(e) + ".", e);
        }
    }

    /** The JDK client often wraps the useful message (or none at all) in causes. */
    private static String reason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException) {
                return "unknown host";
            }
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage().strip().toLowerCase(Locale.ROOT).startsWith("connection refused")
                        ? "connection refused"
                        : t.getMessage().strip();
            }
        }
        // The JDK client reports a refused connection as a ConnectException without any message.
        return failure instanceof ConnectException ? "connection refused" : failure.getClass().getSimpleName();
    }

    private static JsonNode success(ServerUrl server, Response response) {
        int status = response.status();
        if (status >= 200 && status < 300) {
            try {
                return Json.MAPPER.readTree(response.body());
            } catch (JacksonException e) {
                throw AuthenticatorException.failed("The server at " + server + " did not answer with JSON (HTTP "
                        + status + "): check the server URL.", e);
            }
        }
        throw refusal(server, response);
    }

    private static AuthenticatorException refusal(ServerUrl server, Response response) {
        int status = response.status();
        if (status >= 300 && status < 400) {
            return AuthenticatorException.failed("The server at " + server + " redirects (HTTP " + status + ")"
                    + response.location().map(location -> " to " + Display.safe(location)).orElse("")
                    + ": use the server URL shown on the Security info page.");
        }
        Optional<String> error = errorCode(response);
        if (error.isPresent()) {
            switch (error.get()) {
                case "invalid_activation_code":
                    return AuthenticatorException.refused("The server refused the activation code: it is unknown,"
                            + " already used or expired (a code works once, for 10 minutes). Get a new one from"
                            + " Security info.");
                case "invalid_public_key":
                    return AuthenticatorException.refused("The server refused this device's key (invalid_public_key).");
                case "unknown_device":
                    return AuthenticatorException.refused("The server no longer knows this device (it was removed"
                            + " from Security info): activate the account again.");
                case "invalid_signature":
                    return AuthenticatorException.refused("The server refused the request's signature"
                            + " (invalid_signature): check that this computer's clock is on time.");
                case "not_pending":
                    return AuthenticatorException.refused("The request is no longer pending: it expired, was already"
                            + " answered, or is not for this device.");
                default:
                    break;
            }
        }
        if (status >= 500) {
            return AuthenticatorException.failed("The server at " + server + " failed (HTTP " + status
                    + "). Try again later.");
        }
        if (status == 404 && error.isEmpty()) {
            return AuthenticatorException.failed("There is no Verrou device API at " + server
                    + " (HTTP 404): check the server URL.");
        }
        return AuthenticatorException.refused("The server refused the request (HTTP " + status
                + error.map(code -> ", " + Display.safe(code)).orElse("") + ").");
    }

    /** The doc's refusals carry {@code error}, except {@code 409 {"result": "not_pending"}}. */
    private static Optional<String> errorCode(Response response) {
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(response.body());
        } catch (JacksonException e) {
            return Optional.empty();
        }
        return body.optional("error").or(() -> body.optional("result"))
                .filter(JsonNode::isString)
                .map(JsonNode::stringValue);
    }

    private static List<PendingRequest> requests(JsonNode answer) {
        JsonNode list = answer.optional("requests").filter(JsonNode::isArray)
                .orElseThrow(() -> invalidAnswer("requests"));
        List<PendingRequest> requests = new ArrayList<>();
        for (JsonNode item : list.values()) {
            requests.add(new PendingRequest(
                    text(item, "id"),
                    text(item, "kind"),
                    // Shown to the person only; a server that cannot tell (no User-Agent…) should not stop the app.
                    optionalText(item, "app").orElse("unknown"),
                    optionalText(item, "browser").orElse("unknown"),
                    optionalText(item, "ip").orElse("unknown"),
                    Instant.ofEpochSecond(number(item, "createdAt")),
                    Instant.ofEpochSecond(number(item, "expiresAt"))));
        }
        return requests;
    }

    private static JsonNode object(JsonNode node, String field) {
        return node.optional(field).filter(JsonNode::isObject).orElseThrow(() -> invalidAnswer(field));
    }

    private static String text(JsonNode node, String field) {
        return optionalText(node, field).orElseThrow(() -> invalidAnswer(field));
    }

    private static Optional<String> optionalText(JsonNode node, String field) {
        return node.optional(field).filter(JsonNode::isString).map(JsonNode::stringValue);
    }

    private static long number(JsonNode node, String field) {
        return node.optional(field)
                .filter(value -> value.isIntegralNumber() && value.canConvertToLong())
                .map(JsonNode::longValue)
                .orElseThrow(() -> invalidAnswer(field));
    }

    private static int smallNumber(JsonNode node, String field) {
        return node.optional(field)
                .filter(value -> value.isIntegralNumber() && value.canConvertToInt())
                .map(JsonNode::intValue)
                .orElseThrow(() -> invalidAnswer(field));
    }

    private static AuthenticatorException invalidAnswer(String field) {
        return AuthenticatorException.failed("The server's answer is not valid: '" + field
                + "' is missing or has the wrong type.");
    }
}
