package io.verrou.method.authenticator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plays the Verrou Authenticator over real HTTP, exactly as docs/authenticator-api.md says, without any of the
 * server's code: makes a P-256 key pair, activates with a code, and signs each later request (RFC 9421, the doc's
 * profile). Times come from the server's clock (the tests' {@code MutableClock}), so a moved clock moves them too.
 * Tests of other packages may use it to approve or deny pushes.
 */
public final class TestDevice {

    public static final String API = "/api/authenticator/v1";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String base;
    private final Clock clock;
    private final KeyPair keys;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private UUID deviceId;
    private String totpSecret;

    private TestDevice(String base, Clock clock, KeyPair keys) {
        this.base = base;
        this.clock = clock;
        this.keys = keys;
    }

    /** A phone with a fresh key pair, not activated yet. */
    public static TestDevice on(int port, Clock clock) {
        return new TestDevice("http://localhost:" + port, clock, newKeyPair());
    }

    /** A phone activated with {@code code}; fails when the server refuses it. */
    public static TestDevice activated(int port, Clock clock, String code) {
        TestDevice device = on(port, clock);
        HttpResponse<String> response = device.activate(code, "Test phone");
        if (response.statusCode() != 201) {
            throw new IllegalStateException("Activation refused: " + response.statusCode() + " " + response.body());
        }
        return device;
    }

    public static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public key as the app sends it: base64 of its DER SubjectPublicKeyInfo. */
    public String publicKey() {
        return Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    }

    /** {@code POST /activations}; on 201 the device keeps its id and TOTP secret. */
    public HttpResponse<String> activate(String code, String deviceName) {
        String body = "{\"code\":" + quote(code) + ",\"publicKey\":" + quote(publicKey()) + ",\"deviceName\":"
                + quote(deviceName) + "}";
        HttpResponse<String> response = sendRaw(HttpRequest.newBuilder(URI.create(base + API + "/activations"))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (response.statusCode() == 201) {
            JsonNode json = json(response);
            deviceId = UUID.fromString(json.get("deviceId").stringValue());
            totpSecret = json.get("totp").get("secret").stringValue();
        }
        return response;
    }

    public UUID id() {
        return deviceId;
    }

    /** Makes this phone claim another device id (e.g. one never activated), keeping its own key. */
    public TestDevice claiming(UUID otherId) {
        this.deviceId = otherId;
        return this;
    }

    public String totpSecret() {
        return totpSecret;
    }

    /** {@code GET /requests/pending?wait=N}, waiting for the answer. */
    public HttpResponse<String> pending(int wait) {
        return request("GET", API + "/requests/pending?wait=" + wait).send();
    }

    /** The same, without waiting: the answer comes when the server answers. */
    public CompletableFuture<HttpResponse<String>> pendingAsync(int wait) {
        return request("GET", API + "/requests/pending?wait=" + wait).sendAsync();
    }

    public HttpResponse<String> approve(UUID requestId, String number) {
        return request("POST", API + "/requests/" + requestId + "/approve").body("{\"number\":" + quote(number) + "}")
                .send();
    }

    public HttpResponse<String> deny(UUID requestId, boolean report) {
        return request("POST", API + "/requests/" + requestId + "/deny").body("{\"report\":" + report + "}").send();
    }

    /** A signed request to build, change and send. */
    public Signed request(String method, String pathAndQuery) {
        return new Signed(method, pathAndQuery);
    }

    /** A request signed the doc's way, with knobs to break it. */
    public final class Signed {
        private final String method;
        private final String pathAndQuery;
        private String body;
        private String sentBody;
        private long created = clock.instant().getEpochSecond();
        private String nonce = newNonce();
        private PrivateKey signingKey = keys.getPrivate();
        private String signedUri;

        private Signed(String method, String pathAndQuery) {
            this.method = method;
            this.pathAndQuery = pathAndQuery;
        }

        public Signed body(String json) {
            this.body = json;
            return this;
        }

        /** Sends another body than the one signed (and digested). */
        public Signed sendBody(String json) {
            this.sentBody = json;
            return this;
        }

        public Signed created(long unixSeconds) {
            this.created = unixSeconds;
            return this;
        }

        public Signed nonce(String nonce) {
            this.nonce = nonce;
            return this;
        }

        public Signed signedWith(PrivateKey key) {
            this.signingKey = key;
            return this;
        }

        /** Signs for another URI than the one called. */
        public Signed signedFor(String uri) {
            this.signedUri = uri;
            return this;
        }

        public HttpRequest build() {
            String uri = base + pathAndQuery;
            boolean hasBody = body != null;
            String digest = hasBody ? "sha-256=:" + Base64.getEncoder().encodeToString(sha256(body)) + ":" : null;
            String components = hasBody ? "(\"@method\" \"@target-uri\" \"content-digest\")"
                    : "(\"@method\" \"@target-uri\")";
            String params = components + ";created=" + created + ";nonce=\"" + nonce + "\";keyid=\"" + deviceId
                    + "\";alg=\"ecdsa-p256-sha256\"";
            StringBuilder signatureBase = new StringBuilder()
                    .append("\"@method\": ").append(method).append('\n')
                    .append("\"@target-uri\": ").append(signedUri != null ? signedUri : uri).append('\n');
            if (hasBody) {
                signatureBase.append("\"content-digest\": ").append(digest).append('\n');
            }
            signatureBase.append("\"@signature-params\": ").append(params);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri))
                    .timeout(Duration.ofSeconds(90))
                    .header("Signature-Input", "sig1=" + params)
                    .header("Signature", "sig1=:" + Base64.getEncoder().encodeToString(
                            sign(signingKey, signatureBase.toString())) + ":");
            if (hasBody) {
                String sent = sentBody != null ? sentBody : body;
                request.header("Content-Type", "application/json; charset=utf-8")
                        .header("Content-Digest", digest)
                        .method(method, HttpRequest.BodyPublishers.ofString(sent));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            return request.build();
        }

        public HttpResponse<String> send() {
            return sendRaw(build());
        }

        public CompletableFuture<HttpResponse<String>> sendAsync() {
            return http.sendAsync(build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
    }

    public HttpResponse<String> sendRaw(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    public static String newNonce() {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        return Base64.getEncoder().encodeToString(nonce);
    }

    static byte[] sign(PrivateKey key, String signatureBase) {
        try {
            Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
            signer.initSign(key);
            signer.update(signatureBase.getBytes(StandardCharsets.UTF_8));
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(String body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String quote(String value) {
        return value == null ? "null" : JSON.writeValueAsString(value);
    }
}
