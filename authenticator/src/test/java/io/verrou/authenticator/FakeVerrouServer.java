package io.verrou.authenticator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A minimal Verrou device API on 127.0.0.1, for the tests: the doc's endpoints, with a signature check written
 * independently of {@link RequestSigner} (it rebuilds the signature base from the request as received), so that
 * the client's signing is checked against the doc rather than against itself.
 */
final class FakeVerrouServer implements AutoCloseable {

    static final String ACTIVATION_CODE = "ABCDEFGHIJKLMNOPQRSTUVWX";
    static final String DEVICE_ID = "6f1c2d3e-device";
    static final String ISSUER = "Contoso";
    static final String ACCOUNT_NAME = "alice@contoso.example";
    static final String TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    static final String API = "/api/authenticator/v1";

    private static final Pattern SIGNATURE_INPUT = Pattern.compile(
            "sig1=(\\((\"@method\" \"@target-uri\"(?: \"content-digest\")?)\\)"
                    + ";created=(\\d+);nonce=\"([^\"]*)\";keyid=\"([^\"]*)\";alg=\"ecdsa-p256-sha256\")");
    private static final Pattern SIGNATURE = Pattern.compile("sig1=:([A-Za-z0-9+/=]+):");
    private static final Pattern ANSWER_PATH = Pattern.compile(API + "/requests/([^/]+)/(approve|deny)");

    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Clock clock;
    private final Object lock = new Object();

    // Guarded by lock.
    private final List<Map<String, Object>> pending = new ArrayList<>();
    private final Set<String> usedNonces = new HashSet<>();
    private PublicKey devicePublicKey;
    private boolean codeUsed;

    private final List<Recorded> received = new CopyOnWriteArrayList<>();
    private final List<String> signatureFailures = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Integer> polls = new LinkedBlockingQueue<>();

    private volatile String expectedNumber = "42";
    private volatile Optional<String> forcedError = Optional.empty();
    private volatile boolean refuseWaitZero;

    /** One request as the fake received it. */
    record Recorded(String method, String pathAndQuery, String body) {
    }

    private FakeVerrouServer(Clock clock) throws IOException {
        this.clock = clock;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(API + "/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    static FakeVerrouServer start(Clock clock) throws IOException {
        return new FakeVerrouServer(clock);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Makes every signed endpoint answer 401 with this error, as Verrou does for a bad or unknown device. */
    void failSignedRequestsWith(String error) {
        forcedError = Optional.of(error);
    }

    void expectNumber(String number) {
        expectedNumber = number;
    }

    /** Behaves like a server that holds to the documented 1-60 range of wait. */
    void refuseWaitZero() {
        refuseWaitZero = true;
    }

    /** Pretends that the account's device was activated with this public key, without going through activation. */
    void knowDevice(PublicKey key) {
        synchronized (lock) {
            devicePublicKey = key;
        }
    }

    /** Lets the activation code work once more, as a new code from Security info would. */
    void reissueCode() {
        synchronized (lock) {
            codeUsed = false;
        }
    }

    /** Makes a sign-in request pending, waking a long poll that waits. */
    Map<String, Object> release(String id, String browser) {
        Map<String, Object> request = new LinkedHashMap<>();
        long now = clock.instant().getEpochSecond();
        request.put("id", id);
        request.put("kind", "signin");
        request.put("app", "Verrou");
        request.put("browser", browser);
        request.put("ip", "192.0.2.7");
        request.put("createdAt", now);
        request.put("expiresAt", now + 60);
        synchronized (lock) {
            pending.add(request);
            lock.notifyAll();
        }
        return request;
    }

    /** Waits until a long poll arrives and returns its wait parameter. */
    int awaitPoll() throws InterruptedException {
        Integer wait = polls.poll(10, TimeUnit.SECONDS);
        if (wait == null) {
            throw new AssertionError("No long poll arrived");
        }
        return wait;
    }

    List<Recorded> received() {
        return List.copyOf(received);
    }

    List<String> signatureFailures() {
        return List.copyOf(signatureFailures);
    }

    Optional<PublicKey> devicePublicKey() {
        synchronized (lock) {
            return Optional.ofNullable(devicePublicKey);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getRawPath();
            String query = Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse("");
            received.add(new Recorded(exchange.getRequestMethod(), path + (query.isEmpty() ? "" : "?" + query),
                    new String(body, StandardCharsets.UTF_8)));
            if (path.equals(API + "/activations") && exchange.getRequestMethod().equals("POST")) {
                activate(exchange, body);
                return;
            }
            Optional<String> signatureProblem = verifySignature(exchange, body);
            if (signatureProblem.isPresent()) {
                signatureFailures.add(signatureProblem.get());
                send(exchange, 401, Map.of("error", "invalid_signature"));
                return;
            }
            if (forcedError.isPresent()) {
                send(exchange, 401, Map.of("error", forcedError.get()));
                return;
            }
            if (path.equals(API + "/requests/pending") && exchange.getRequestMethod().equals("GET")) {
                pending(exchange, query);
                return;
            }
            Matcher answer = ANSWER_PATH.matcher(path);
            if (answer.matches() && exchange.getRequestMethod().equals("POST")) {
                answer(exchange, answer.group(1), answer.group(2), json.readTree(body));
                return;
            }
            send(exchange, 404, Map.of("error", "not_found"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            signatureFailures.add("fake server failure: " + e);
            throw e;
        }
    }

    private void activate(HttpExchange exchange, byte[] body) throws IOException {
        JsonNode request = json.readTree(body);
        synchronized (lock) {
            if (codeUsed || !ACTIVATION_CODE.equals(request.path("code").asString(""))) {
                send(exchange, 400, Map.of("error", "invalid_activation_code"));
                return;
            }
            PublicKey key;
            try {
                key = KeyFactory.getInstance("EC").generatePublic(
                        new X509EncodedKeySpec(Base64.getDecoder().decode(request.path("publicKey").asString(""))));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                send(exchange, 400, Map.of("error", "invalid_public_key"));
                return;
            }
            if (!(key instanceof ECPublicKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 256) {
                send(exchange, 400, Map.of("error", "invalid_public_key"));
                return;
            }
            codeUsed = true;
            devicePublicKey = key;
        }
        send(exchange, 201, Map.of(
                "deviceId", DEVICE_ID,
                "account", Map.of("issuer", ISSUER, "name", ACCOUNT_NAME),
                "totp", Map.of("secret", TOTP_SECRET, "algorithm", "SHA1", "digits", 6, "period", 30)));
    }

    private void pending(HttpExchange exchange, String query) throws IOException, InterruptedException {
        int wait = Integer.parseInt(query.replaceFirst("^wait=", ""));
        polls.add(wait);
        if (wait == 0 && refuseWaitZero) {
            send(exchange, 400, Map.of("error", "invalid_wait"));
            return;
        }
        List<Map<String, Object>> answer;
        synchronized (lock) {
            // The long poll: hold the request until something is pending or the wait is over.
            long deadline = System.nanoTime() + Duration.ofSeconds(wait).toNanos();
            while (pending.isEmpty() && System.nanoTime() < deadline) {
                TimeUnit.NANOSECONDS.timedWait(lock, deadline - System.nanoTime());
            }
            answer = List.copyOf(pending);
        }
        send(exchange, 200, Map.of("requests", answer));
    }

    private void answer(HttpExchange exchange, String id, String action, JsonNode body) throws IOException {
        synchronized (lock) {
            if (pending.stream().noneMatch(request -> request.get("id").equals(id))) {
                send(exchange, 409, Map.of("result", "not_pending"));
                return;
            }
            pending.removeIf(request -> request.get("id").equals(id));
        }
        String result;
        if (action.equals("approve")) {
            result = expectedNumber.equals(body.path("number").asString("")) ? "approved" : "wrong_number";
        } else {
            result = body.path("report").asBoolean(false) ? "reported" : "denied";
        }
        send(exchange, 200, Map.of("result", result));
    }

    /** The doc's section 2, checked from the received request alone. */
    private Optional<String> verifySignature(HttpExchange exchange, byte[] body) {
        String input = exchange.getRequestHeaders().getFirst("Signature-Input");
        String signature = exchange.getRequestHeaders().getFirst("Signature");
        if (input == null || signature == null) {
            return Optional.of("unsigned request to " + exchange.getRequestURI());
        }
        Matcher inputMatch = SIGNATURE_INPUT.matcher(input);
        Matcher signatureMatch = SIGNATURE.matcher(signature);
        if (!inputMatch.matches() || !signatureMatch.matches()) {
            return Optional.of("malformed signature headers: " + input + " / " + signature);
        }
        boolean coversDigest = inputMatch.group(2).contains("content-digest");
        String digest = exchange.getRequestHeaders().getFirst("Content-Digest");
        if (body.length > 0) {
            if (!coversDigest || digest == null) {
                return Optional.of("a body without a covered Content-Digest");
            }
            if (!digest.equals("sha-256=:" + Base64.getEncoder().encodeToString(sha256(body)) + ":")) {
                return Optional.of("Content-Digest does not match the body");
            }
        } else if (coversDigest) {
            return Optional.of("content-digest covered without a body");
        }
        long created = Long.parseLong(inputMatch.group(3));
        if (Math.abs(created - clock.instant().getEpochSecond()) > 300) {
            return Optional.of("created too far from the clock");
        }
        String nonce = inputMatch.group(4);
        if (Base64.getDecoder().decode(nonce).length != 16) {
            return Optional.of("nonce is not 16 bytes");
        }
        if (!inputMatch.group(5).equals(DEVICE_ID)) {
            return Optional.of("unknown keyid " + inputMatch.group(5));
        }
        String targetUri = "http://" + exchange.getRequestHeaders().getFirst("Host")
                + exchange.getRequestURI().getRawPath()
                + Optional.ofNullable(exchange.getRequestURI().getRawQuery()).map(q -> "?" + q).orElse("");
        StringBuilder base = new StringBuilder()
                .append("\"@method\": ").append(exchange.getRequestMethod()).append('\n')
                .append("\"@target-uri\": ").append(targetUri).append('\n');
        if (coversDigest) {
            base.append("\"content-digest\": ").append(digest).append('\n');
        }
        base.append("\"@signature-params\": ").append(inputMatch.group(1));
        synchronized (lock) {
            if (devicePublicKey == null) {
                return Optional.of("no device activated");
            }
            try {
                Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
                verifier.initVerify(devicePublicKey);
                verifier.update(base.toString().getBytes(StandardCharsets.UTF_8));
                byte[] raw = Base64.getDecoder().decode(signatureMatch.group(1));
                if (raw.length != 64 || !verifier.verify(raw)) {
                    return Optional.of("signature does not verify over:\n" + base);
                }
            } catch (GeneralSecurityException e) {
                return Optional.of("signature check failed: " + e);
            }
            if (!usedNonces.add(nonce)) {
                return Optional.of("nonce replayed");
            }
        }
        return Optional.empty();
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
