package io.verrou.authenticator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestSignerTest {

    /** A P-256 key pair made once for these tests. */
    private static final String PRIVATE_KEY = "MEECAQAwEwYHKoZIzj0CAQYIKoZIzj0DAQcEJzAlAgEBBCDqFtxrcI92KXQd5Iz1j+/QX/NQ"
            + "TIya8N7J80gK5uSKmg==";
    private static final String PUBLIC_KEY = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEuSCibYaLtI4pLXW33GYuyX50udWahkRhJW0u"
            + "plFR+jfvITg6yN9tsPJlM4SWx3Izw6+/63skcge6ZQv2MqWkcw==";

    private static final long CREATED = 1764064800L;
    private static final String APPROVE_URI =
            "https://verrou.contoso.example/api/authenticator/v1/requests/2b9e/approve";
    /** The RFC 9530 example: SHA-256 of {"hello": "world"}. */
    private static final String HELLO_DIGEST = "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:";

    @Test
    void signatureBaseOfARequestWithABodyListsMethodTargetUriDigestThenParametersWithoutFinalLineFeed() {
        String base = RequestSigner.signatureBase("POST", APPROVE_URI, Optional.of(HELLO_DIGEST),
                new RequestSigner.Parameters(CREATED, "q1XyAAAAAAAAAAAAAAAAAA==", "6f1c"));

        assertThat(base).isEqualTo("\"@method\": POST\n"
                + "\"@target-uri\": https://verrou.contoso.example/api/authenticator/v1/requests/2b9e/approve\n"
                + "\"content-digest\": sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:\n"
                + "\"@signature-params\": (\"@method\" \"@target-uri\" \"content-digest\");created=1764064800"
                + ";nonce=\"q1XyAAAAAAAAAAAAAAAAAA==\";keyid=\"6f1c\";alg=\"ecdsa-p256-sha256\"");
    }

    @Test
    void signatureBaseOfARequestWithoutABodyCoversOnlyMethodAndTargetUri() {
        String base = RequestSigner.signatureBase("GET",
                "https://verrou.contoso.example/api/authenticator/v1/requests/pending?wait=30", Optional.empty(),
                new RequestSigner.Parameters(CREATED, "AAAAAAAAAAAAAAAAAAAAAA==", "6f1c"));

        assertThat(base).isEqualTo("\"@method\": GET\n"
                + "\"@target-uri\": https://verrou.contoso.example/api/authenticator/v1/requests/pending?wait=30\n"
                + "\"@signature-params\": (\"@method\" \"@target-uri\");created=1764064800"
                + ";nonce=\"AAAAAAAAAAAAAAAAAAAAAA==\";keyid=\"6f1c\";alg=\"ecdsa-p256-sha256\"");
    }

    @Test
    void contentDigestIsTheBase64Sha256OfTheBodyAsAByteSequence() {
        assertThat(RequestSigner.contentDigest("{\"hello\": \"world\"}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(HELLO_DIGEST);
    }

    @Test
    void quotesAndBackslashesInTheKeyIdAreEscapedAsStructuredFieldStrings() {
        assertThat(RequestSigner.signatureParams(false, new RequestSigner.Parameters(1, "n", "a\"b\\c")))
                .isEqualTo("(\"@method\" \"@target-uri\");created=1;nonce=\"n\";keyid=\"a\\\"b\\\\c\""
                        + ";alg=\"ecdsa-p256-sha256\"");
    }

    @Test
    void aKeyIdThatCouldBreakTheHeaderIsRefused() {
        assertThatThrownBy(() -> new RequestSigner.Parameters(1, "n", "a\r\nX-Injected: 1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void signingWithAFixedKeyClockAndRandomGivesTheExpectedHeadersAndAP1363SignatureThatVerifies()
            throws Exception {
        RequestSigner signer = new RequestSigner(Clock.fixed(Instant.ofEpochSecond(CREATED), ZoneOffset.UTC),
                new CountingRandom());
        byte[] body = "{\"hello\": \"world\"}".getBytes(StandardCharsets.UTF_8);

        RequestSigner.SignedHeaders headers =
                signer.sign("POST", URI.create(APPROVE_URI), Optional.of(body), "6f1c", privateKey());

        String parameters = "(\"@method\" \"@target-uri\" \"content-digest\");created=1764064800"
                + ";nonce=\"AQIDBAUGBwgJCgsMDQ4PEA==\";keyid=\"6f1c\";alg=\"ecdsa-p256-sha256\"";
        assertThat(headers.contentDigest()).contains(HELLO_DIGEST);
        assertThat(headers.signatureInput()).isEqualTo("sig1=" + parameters);
        assertThat(headers.signature()).startsWith("sig1=:").endsWith(":");
        byte[] rs = Base64.getDecoder().decode(headers.signature().substring(6, headers.signature().length() - 1));
        assertThat(rs).hasSize(64);
        String base = "\"@method\": POST\n"
                + "\"@target-uri\": " + APPROVE_URI + "\n"
                + "\"content-digest\": " + HELLO_DIGEST + "\n"
                + "\"@signature-params\": " + parameters;
        assertThat(verifies(base, rs)).isTrue();
        assertThat(verifies(base + " ", rs)).isFalse();
    }

    @Test
    void aRequestWithoutBodyCarriesNoContentDigest() {
        RequestSigner signer = new RequestSigner(Clock.fixed(Instant.ofEpochSecond(CREATED), ZoneOffset.UTC),
                new CountingRandom());

        RequestSigner.SignedHeaders headers = signer.sign("GET",
                URI.create("https://verrou.contoso.example/api/authenticator/v1/requests/pending?wait=30"),
                Optional.empty(), "6f1c", privateKey());

        assertThat(headers.contentDigest()).isEmpty();
        assertThat(headers.signatureInput()).startsWith("sig1=(\"@method\" \"@target-uri\");created=1764064800;");
    }

    @Test
    void everySignatureHasAFreshSixteenByteNonce() {
        RequestSigner signer = new RequestSigner(Clock.systemUTC(), new SecureRandom());
        URI uri = URI.create("https://verrou.contoso.example/api/authenticator/v1/requests/pending?wait=30");

        String first = nonce(signer.sign("GET", uri, Optional.empty(), "6f1c", privateKey()).signatureInput());
        String second = nonce(signer.sign("GET", uri, Optional.empty(), "6f1c", privateKey()).signatureInput());

        assertThat(Base64.getDecoder().decode(first)).hasSize(16);
        assertThat(first).isNotEqualTo(second);
    }

    private static String nonce(String signatureInput) {
        return signatureInput.replaceFirst(".*;nonce=\"([^\"]*)\".*", "$1");
    }

    private static PrivateKey privateKey() {
        return DeviceKeys.decodePrivateKey(PRIVATE_KEY);
    }

    private static boolean verifies(String base, byte[] rs) throws Exception {
        PublicKey publicKey = KeyFactory.getInstance("EC")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(PUBLIC_KEY)));
        Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
        verifier.initVerify(publicKey);
        verifier.update(base.getBytes(StandardCharsets.UTF_8));
        return verifier.verify(rs);
    }

    /** Predictable "randomness": 1, 2, 3… so that the nonce, and the signature, are the same on every run. */
    private static final class CountingRandom extends SecureRandom {

        private static final long serialVersionUID = 1L;

        private byte next = 1;

        @Override
        public synchronized void nextBytes(byte[] bytes) {
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = next++;
            }
        }
    }
}
