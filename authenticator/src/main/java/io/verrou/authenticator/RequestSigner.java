package io.verrou.authenticator;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Clock;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * Signs device API requests with the HTTP Message Signatures (RFC 9421) profile of the authenticator API (doc
 * section 2): components {@code "@method"}, {@code "@target-uri"} and, with a body, {@code "content-digest"};
 * parameters {@code created}, {@code nonce}, {@code keyid}, {@code alg}; ECDSA P-256 with SHA-256 as 64-byte
 * {@code r || s}.
 */
final class RequestSigner {

    /** The label of the one signature every request carries. */
    static final String LABEL = "sig1";

    /** The RFC 9421 algorithm name of ECDSA P-256 with SHA-256. */
    static final String ALGORITHM = "ecdsa-p256-sha256";

    /** The JCA name that gives the fixed-length {@code r || s} encoding RFC 9421 section 3.3.4 asks for, not DER. */
    static final String JCA_ALGORITHM = "SHA256withECDSAinP1363Format";

    /** The nonce length the doc asks for. */
    private static final int NONCE_BYTES = 16;

    private final Clock clock;
    private final SecureRandom random;

    /**
     * Creates a signer.
     *
     * @param clock  gives {@code created}, which the server checks against its own clock (300 s)
     * @param random gives the nonces and the ECDSA per-signature secrets
     */
    RequestSigner(Clock clock, SecureRandom random) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * The signature parameters of one request.
     *
     * @param created the signing time, Unix seconds
     * @param nonce   16 random bytes, base64
     * @param keyId   the device id
     */
    record Parameters(long created, String nonce, String keyId) {

        /**
         * Checks the parameters can be serialised as RFC 8941 strings.
         *
         * @param created the signing time, Unix seconds
         * @param nonce   16 random bytes, base64
         * @param keyId   the device id
         */
        Parameters {
            requireSfString(nonce, "nonce");
            requireSfString(keyId, "keyid");
        }
    }

    /**
     * The headers that carry a signature.
     *
     * @param contentDigest   the {@code Content-Digest} value, present when the request has a body
     * @param signatureInput  the {@code Signature-Input} value
     * @param signature       the {@code Signature} value
     */
    record SignedHeaders(Optional<String> contentDigest, String signatureInput, String signature) {
    }

    /**
     * Signs one request.
     *
     * @param method    the HTTP method, upper case
     * @param targetUri the full URI the request is sent to
     * @param body      the body, when the request has one
     * @param keyId     the device id
     * @param key       the device's private key
     * @return the headers to add to the request
     */
    SignedHeaders sign(String method, URI targetUri, Optional<byte[]> body, String keyId, PrivateKey key) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        Parameters parameters = new Parameters(
                clock.instant().getEpochSecond(), Base64.getEncoder().encodeToString(nonce), keyId);
        Optional<String> digest = body.map(RequestSigner::contentDigest);
        String base = signatureBase(method, targetUri.toString(), digest, parameters);
        try {
            Signature signer = Signature.getInstance(JCA_ALGORITHM);
            signer.initSign(key, random);
            signer.update(base.getBytes(StandardCharsets.UTF_8));
            String value = LABEL + "=:" + Base64.getEncoder().encodeToString(signer.sign()) + ":";
            return new SignedHeaders(digest, LABEL + "=" + signatureParams(digest.isPresent(), parameters), value);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign with the device key", e);
        }
    }

    /**
     * Builds the signature base of RFC 9421 section 2.5: one line per covered component, then the
     * {@code @signature-params} line, joined by line feeds, without a final line feed.
     *
     * @param method        the HTTP method, as sent
     * @param targetUri     the full target URI, as sent
     * @param contentDigest the {@code Content-Digest} header value, present exactly when the request has a body
     * @param parameters    the signature parameters
     * @return the text that is signed
     */
    static String signatureBase(String method, String targetUri, Optional<String> contentDigest,
                                Parameters parameters) {
        StringBuilder base = new StringBuilder()
                .append("\"@method\": ").append(method).append('\n')
                .append("\"@target-uri\": ").append(targetUri).append('\n');
        contentDigest.ifPresent(digest -> base.append("\"content-digest\": ").append(digest).append('\n'));
        return base.append("\"@signature-params\": ")
                .append(signatureParams(contentDigest.isPresent(), parameters))
                .toString();
    }

    /**
     * Serialises the covered components and parameters, as both the {@code Signature-Input} header (after
     * {@code sig1=}) and the last line of the signature base carry them.
     *
     * @param withBody   whether {@code content-digest} is covered
     * @param parameters the signature parameters
     * @return for example {@code ("@method" "@target-uri");created=1764064800;nonce="…";keyid="…";alg="ecdsa-p256-sha256"}
     */
    static String signatureParams(boolean withBody, Parameters parameters) {
        return (withBody ? "(\"@method\" \"@target-uri\" \"content-digest\")" : "(\"@method\" \"@target-uri\")")
                + ";created=" + parameters.created()
                + ";nonce=" + sfString(parameters.nonce())
                + ";keyid=" + sfString(parameters.keyId())
                + ";alg=" + sfString(ALGORITHM);
    }

    /**
     * Computes the RFC 9530 {@code Content-Digest} value of a body.
     *
     * @param body the body bytes, exactly as sent
     * @return {@code sha-256=:<base64>:}
     */
    static String contentDigest(byte[] body) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
            return "sha-256=:" + Base64.getEncoder().encodeToString(hash) + ":";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This Java runtime has no SHA-256", e);
        }
    }

    /**
     * Tells whether a value can be a structured-field string (RFC 8941 section 3.3.3): printable ASCII only. The
     * device id comes from the server and ends up in a header, so anything else is refused at activation.
     *
     * @param value the value
     * @return true if every character is between U+0020 and U+007E
     */
    static boolean isSfString(String value) {
        return value.chars().allMatch(c -> c >= 0x20 && c <= 0x7E);
    }

    private static void requireSfString(String value, String name) {
        Objects.requireNonNull(value, name);
        if (!isSfString(value)) {
            throw new IllegalArgumentException(name + " must be printable ASCII");
        }
    }

    private static String sfString(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
