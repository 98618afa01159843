package io.verrou.method.authenticator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import io.verrou.method.authenticator.SignatureBase.ProfileException;
import io.verrou.method.authenticator.SignatureBase.SignatureInput;

import org.junit.jupiter.api.Test;

/** The signature base rebuilt from a request, against fixed inputs and a fixed P-256 key (docs/authenticator-api.md §2). */
class SignatureBaseTest {

    /** A fixed test key pair, made once for these tests: base64 of PKCS#8 and of SubjectPublicKeyInfo. */
    static final String PRIVATE_KEY = "MEECAQAwEwYHKoZIzj0CAQYIKoZIzj0DAQcEJzAlAgEBBCApO6l1PNhg/Y0Dg3+lz3+BRuFxHqILhL5QPtKLFPT+mg==";
    static final String PUBLIC_KEY = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEuMReHndB+18T2aJ7KTeiS00lEw8KmSm5lXw9k0EdwHGOI5wWuH+fDFdykST1uBaGbhU8xdYY9kTTkH4lolRiUQ==";
    static final String P384_KEY = "MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAELULR9ZjntZTTiS9zIv2TUiiA6iiRGDuPN7laUE8MujkRE1kCzw+N/nmHVvJKLCG5wlZQIHPSzyGlrwtpSfWro1jvEXdbDsfRfti9wXXtgYGIuEdcSZUtoZ4uSbXsxjYB";

    static final String KEY_ID = "6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
    static final String NONCE = "q1XyAAAAAAAAAAAAAAAAAA==";
    static final String TARGET = "https://verrou.contoso.example/api/authenticator/v1/requests/2b9e7c1a-0000-4000-8000-000000000001/approve";
    static final String BODY = "{\"number\":\"42\"}";
    static final String DIGEST = "sha-256=:dRgymEMChZW+7vd9K+SWRlFSlrdGsomXMMmlZGm52Ac=:";
    static final String INPUT = "sig1=(\"@method\" \"@target-uri\" \"content-digest\");created=1764064800;nonce=\"" + NONCE
            + "\";keyid=\"" + KEY_ID + "\";alg=\"ecdsa-p256-sha256\"";
    static final String EXPECTED_BASE = """
            "@method": POST
            "@target-uri": %s
            "content-digest": %s
            "@signature-params": ("@method" "@target-uri" "content-digest");created=1764064800;nonce="%s";keyid="%s";alg="ecdsa-p256-sha256\"""".formatted(TARGET, DIGEST, NONCE, KEY_ID);
    /** ECDSA over {@link #EXPECTED_BASE} with {@link #PRIVATE_KEY}, made once: r || s. */
    static final String SIGNATURE = "BA9JZ6eYv6GtSTnji/ojlYoRiJV1l8K2zp02vF9yRyC9+m4MhiQsLtEkH/SNCEDc4UZd3HlgdG3qfJR5kRae9A==";

    @Test
    void theBaseOfASignedPostIsOneLinePerComponentThenTheParametersWithoutAFinalLineFeed() throws Exception {
        SignatureInput input = SignatureBase.parseInput(INPUT);

        String base = SignatureBase.base(input, "POST", TARGET, Optional.of(DIGEST));

        assertThat(base).isEqualTo(EXPECTED_BASE).doesNotEndWith("\n");
        assertThat(input.created()).isEqualTo(1764064800L);
        assertThat(input.nonce()).isEqualTo(NONCE);
        assertThat(input.keyId()).isEqualTo(UUID.fromString(KEY_ID));
        assertThat(input.coversContentDigest()).isTrue();
    }

    @Test
    void theFixedSignatureVerifiesWithTheFixedKeyAndNothingElseDoes() throws Exception {
        ECPublicKey key = DevicePublicKeys.parse(PUBLIC_KEY).orElseThrow();
        byte[] signature = SignatureBase.parseSignature("sig1=:" + SIGNATURE + ":");
        SignatureInput input = SignatureBase.parseInput(INPUT);

        assertThat(DevicePublicKeys.verify(key, SignatureBase.base(input, "POST", TARGET, Optional.of(DIGEST))
                .getBytes(StandardCharsets.UTF_8), signature)).isTrue();
        assertThat(DevicePublicKeys.verify(key, SignatureBase.base(input, "POST", TARGET.replace("approve", "deny"),
                Optional.of(DIGEST)).getBytes(StandardCharsets.UTF_8), signature)).as("another target").isFalse();
        assertThat(DevicePublicKeys.verify(key, SignatureBase.base(input, "PUT", TARGET, Optional.of(DIGEST))
                .getBytes(StandardCharsets.UTF_8), signature)).as("another method").isFalse();
        ECPublicKey other = (ECPublicKey) TestDevice.newKeyPair().getPublic();
        assertThat(DevicePublicKeys.verify(other, EXPECTED_BASE.getBytes(StandardCharsets.UTF_8), signature)).isFalse();
    }

    @Test
    void theTestDeviceSignsWhatTheServerRebuilds() throws Exception {
        PrivateKey key = KeyFactory.getInstance("EC")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(PRIVATE_KEY)));
        byte[] signature = TestDevice.sign(key, EXPECTED_BASE);

        assertThat(signature).hasSize(64);
        assertThat(DevicePublicKeys.verify(DevicePublicKeys.parse(PUBLIC_KEY).orElseThrow(),
                EXPECTED_BASE.getBytes(StandardCharsets.UTF_8), signature)).isTrue();
    }

    @Test
    void aGetCoversTheMethodAndTheTargetOnly() throws Exception {
        SignatureInput input = SignatureBase.parseInput("sig1=(\"@method\" \"@target-uri\");created=1764064800;nonce=\""
                + NONCE + "\";keyid=\"" + KEY_ID + "\";alg=\"ecdsa-p256-sha256\"");

        assertThat(SignatureBase.base(input, "GET", "http://localhost:8080/api/authenticator/v1/requests/pending?wait=30",
                Optional.empty())).isEqualTo("""
                "@method": GET
                "@target-uri": http://localhost:8080/api/authenticator/v1/requests/pending?wait=30
                "@signature-params": ("@method" "@target-uri");created=1764064800;nonce="%s";keyid="%s";alg="ecdsa-p256-sha256\"""".formatted(NONCE, KEY_ID));
        assertThat(input.coversContentDigest()).isFalse();
    }

    @Test
    void theOrderOfComponentsAndParametersIsKeptAndExtraSpacesAreNot() throws Exception {
        SignatureInput input = SignatureBase.parseInput("  sig1=( \"@target-uri\"  \"@method\" );keyid=\"" + KEY_ID
                + "\";alg=\"ecdsa-p256-sha256\";nonce=\"" + NONCE + "\";created=1764064800  ");

        assertThat(input.components()).containsExactly("@target-uri", "@method");
        assertThat(input.signatureParams()).isEqualTo("(\"@target-uri\" \"@method\");keyid=\"" + KEY_ID
                + "\";alg=\"ecdsa-p256-sha256\";nonce=\"" + NONCE + "\";created=1764064800");
    }

    @Test
    void otherMembersThanSig1AreIgnored() throws Exception {
        SignatureInput input = SignatureBase.parseInput("other=(\"date\");created=1, " + INPUT);

        assertThat(input.keyId()).isEqualTo(UUID.fromString(KEY_ID));
        assertThat(SignatureBase.parseSignature("other=:AAAA:, sig1=:" + SIGNATURE + ":")).hasSize(64);
    }

    @Test
    void inputsOutsideTheProfileAreRefused() {
        String params = ";created=1764064800;nonce=\"" + NONCE + "\";keyid=\"" + KEY_ID + "\";alg=\"ecdsa-p256-sha256\"";
        String[] refused = {
                null,
                "",
                "sig2=(\"@method\" \"@target-uri\")" + params,
                "sig1=\"@method\"" + params,
                "sig1=(\"@method\")" + params,
                "sig1=(\"@target-uri\")" + params,
                "sig1=(\"@method\" \"@target-uri\" \"date\")" + params,
                "sig1=(\"@method\" \"@method\" \"@target-uri\")" + params,
                "sig1=(\"@method\";req \"@target-uri\")" + params,
                "sig1=(@method \"@target-uri\")" + params,
                "sig1=(\"@method\" \"@target-uri\")" + params + ";expires=1764065100",
                "sig1=(\"@method\" \"@target-uri\");created=1764064800;nonce=\"" + NONCE + "\";keyid=\"" + KEY_ID + "\"",
                "sig1=(\"@method\" \"@target-uri\")" + params.replace("ecdsa-p256-sha256", "rsa-pss-sha512"),
                "sig1=(\"@method\" \"@target-uri\")" + params.replace(KEY_ID, "my-phone"),
                "sig1=(\"@method\" \"@target-uri\")" + params.replace(NONCE, "c2hvcnQ="),
                "sig1=(\"@method\" \"@target-uri\")" + params.replace(NONCE, "not base64!"),
                "sig1=(\"@method\" \"@target-uri\")" + params.replace("1764064800", "1764064800.5"),
                "sig1=(\"@method\" \"@target-uri\")" + params.replace("created=1764064800", "created=\"1764064800\""),
                "sig1=(\"@method\" \"@target-uri\")" + params + ";created=1764064801",
                "sig1=(\"@method\" \"@target-uri\")" + params + ", sig1=(\"@method\" \"@target-uri\")" + params,
                "sig1=(\"@method\" \"@target-uri\"" + params,
        };
        for (String header : refused) {
            assertThatThrownBy(() -> SignatureBase.parseInput(header)).as(String.valueOf(header))
                    .isInstanceOf(ProfileException.class);
        }
    }

    @Test
    void aSignatureMustBeA64ByteByteSequence() {
        for (String header : new String[] {null, "", "sig1=" + SIGNATURE, "sig1=:" + SIGNATURE.substring(4) + ":",
                "sig1=:AAAA:", "sig2=:" + SIGNATURE + ":", "sig1=:" + SIGNATURE + "::", "sig1=(:" + SIGNATURE + ":)"}) {
            assertThatThrownBy(() -> SignatureBase.parseSignature(header)).as(String.valueOf(header))
                    .isInstanceOf(ProfileException.class);
        }
    }

    @Test
    void aCoveredContentDigestMustBeSent() throws Exception {
        SignatureInput input = SignatureBase.parseInput(INPUT);

        assertThatThrownBy(() -> SignatureBase.base(input, "POST", TARGET, Optional.empty()))
                .isInstanceOf(ProfileException.class);
    }

    @Test
    void theContentDigestIsTheSha256OfTheBodyAsRfc9530Writes() {
        // RFC 9530's own example, the one the doc shows.
        assertThat(SignatureBase.contentDigest("{\"hello\": \"world\"}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:");
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        assertThat(SignatureBase.contentDigest(body)).isEqualTo(DIGEST);
        assertThat(SignatureBase.digestMatches(DIGEST, body)).isTrue();
        assertThat(SignatureBase.digestMatches("sha-512=:AAAA:, " + DIGEST, body)).as("beside another").isTrue();
        assertThat(SignatureBase.digestMatches(DIGEST, "{\"number\":\"43\"}".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(SignatureBase.digestMatches("sha-512=:AAAA:", body)).isFalse();
        assertThat(SignatureBase.digestMatches("sha-256=dRgymEMChZW", body)).isFalse();
        assertThat(SignatureBase.digestMatches("", body)).isFalse();
    }

    @Test
    void theTargetUriHasThePortOnlyWhenItIsNotTheDefaultOne() {
        assertThat(SignatureBase.targetUri("https", "verrou.contoso.example", 443, "/api/authenticator/v1/x", null))
                .isEqualTo("https://verrou.contoso.example/api/authenticator/v1/x");
        assertThat(SignatureBase.targetUri("http", "localhost", 80, "/a", "")).isEqualTo("http://localhost/a");
        assertThat(SignatureBase.targetUri("http", "localhost", 8080, "/a", "wait=30&x=%20"))
                .isEqualTo("http://localhost:8080/a?wait=30&x=%20");
        assertThat(SignatureBase.targetUri("https", "verrou.example", 8443, "/a", null))
                .isEqualTo("https://verrou.example:8443/a");
    }

    @Test
    void onlyP256PublicKeysAreAccepted() throws Exception {
        assertThat(DevicePublicKeys.parse(PUBLIC_KEY)).isPresent();
        assertThat(DevicePublicKeys.parse(" " + PUBLIC_KEY + " ")).isPresent();
        assertThat(DevicePublicKeys.parse(P384_KEY)).as("P-384").isEmpty();
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        assertThat(DevicePublicKeys.parse(Base64.getEncoder().encodeToString(rsa.generateKeyPair().getPublic()
                .getEncoded()))).as("RSA").isEmpty();
        byte[] der = Base64.getDecoder().decode(PUBLIC_KEY);
        byte[] trailing = Arrays.copyOf(der, der.length + 1);
        assertThat(DevicePublicKeys.parse(Base64.getEncoder().encodeToString(trailing))).as("trailing byte").isEmpty();
        byte[] offCurve = der.clone();
        offCurve[offCurve.length - 1] ^= 1;
        assertThat(DevicePublicKeys.parse(Base64.getEncoder().encodeToString(offCurve))).as("off the curve").isEmpty();
        assertThat(DevicePublicKeys.parse("not base64")).isEmpty();
        assertThat(DevicePublicKeys.parse("")).isEmpty();
        assertThat(DevicePublicKeys.parse(null)).isEmpty();
    }

    @Test
    void browsersAreNamedTheWayPeopleSayThem() {
        assertThat(BrowserNames.describe("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"))
                .isEqualTo("Firefox on Linux");
        assertThat(BrowserNames.describe("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0")).isEqualTo("Edge on Windows");
        assertThat(BrowserNames.describe("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
                + "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1")).isEqualTo("Safari on iOS");
        assertThat(BrowserNames.describe("Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/126.0.0.0 Mobile Safari/537.36")).isEqualTo("Chrome on Android");
        assertThat(BrowserNames.describe("curl/8.5.0")).isEqualTo("curl");
        assertThat(BrowserNames.describe("")).isEqualTo("Unknown browser");
    }
}
