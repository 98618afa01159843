package io.verrou.method.authenticator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import io.verrou.method.authenticator.StructuredFields.InnerList;
import io.verrou.method.authenticator.StructuredFields.Item;
import io.verrou.method.authenticator.StructuredFields.MalformedFieldException;

/**
 * The one profile of HTTP Message Signatures (RFC 9421) the device API accepts (docs/authenticator-api.md §2):
 * the signature {@code sig1} covers {@code "@method"}, {@code "@target-uri"} and, when there is a body,
 * {@code "content-digest"}; its parameters are exactly {@code created}, {@code nonce} (16 bytes, base64),
 * {@code keyid} (the device id) and {@code alg="ecdsa-p256-sha256"}; the signature is the 64-byte {@code r || s}.
 * This class only reads headers and rebuilds the signature base; checking times, nonces and keys is
 * {@link SignedRequests}'s work.
 */
final class SignatureBase {

    static final String LABEL = "sig1";
    static final String ALGORITHM = "ecdsa-p256-sha256";
    static final String METHOD = "@method";
    static final String TARGET_URI = "@target-uri";
    static final String CONTENT_DIGEST = "content-digest";
    static final int NONCE_BYTES = 16;
    static final int SIGNATURE_BYTES = 64;
    private static final Set<String> PARAMETERS = Set.of("created", "nonce", "keyid", "alg");
    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private SignatureBase() {
    }

    /** The headers do not follow the profile. The message is for logs and tests, never for the client. */
    static final class ProfileException extends Exception {
        ProfileException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * What {@code Signature-Input: sig1=…} says.
     *
     * @param components      the covered components, in the order signed
     * @param created         the {@code created} parameter, Unix seconds
     * @param nonce           the {@code nonce} parameter as sent (base64 of 16 bytes)
     * @param keyId           the device id
     * @param signatureParams the value of {@code "@signature-params"}: the inner list and its parameters, serialized
     */
    record SignatureInput(List<String> components, long created, String nonce, UUID keyId, String signatureParams) {

        boolean coversContentDigest() {
            return components.contains(CONTENT_DIGEST);
        }
    }

    /**
     * Reads the {@code sig1} member of a {@code Signature-Input} header and checks it against the profile: covered
     * components {@code "@method"} and {@code "@target-uri"}, and optionally {@code "content-digest"}, each once and
     * without parameters; parameters exactly {@code created}, {@code nonce}, {@code keyid} and {@code alg}, in any
     * order (the base keeps the order given). Other members than {@code sig1} are ignored.
     */
    static SignatureInput parseInput(String header) throws ProfileException {
        Map<String, Object> dictionary;
        try {
            dictionary = StructuredFields.parseDictionary(header);
        } catch (MalformedFieldException e) {
            throw new ProfileException("Signature-Input: " + e.getMessage());
        }
        if (!(dictionary.get(LABEL) instanceof InnerList list)) {
            throw new ProfileException("Signature-Input: no sig1 inner list");
        }
        List<String> components = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Item item : list.items()) {
            if (!(item.value() instanceof String name) || !item.params().isEmpty()) {
                throw new ProfileException("Signature-Input: components must be plain strings");
            }
            if (!(name.equals(METHOD) || name.equals(TARGET_URI) || name.equals(CONTENT_DIGEST)) || !seen.add(name)) {
                throw new ProfileException("Signature-Input: component not in the profile: " + name);
            }
            components.add(name);
        }
        if (!seen.contains(METHOD) || !seen.contains(TARGET_URI)) {
            throw new ProfileException("Signature-Input: @method and @target-uri must be covered");
        }
        Map<String, Object> params = list.params();
        if (!params.keySet().equals(PARAMETERS)) {
            throw new ProfileException("Signature-Input: parameters must be created, nonce, keyid and alg");
        }
        if (!(params.get("created") instanceof Long created) || created < 0) {
            throw new ProfileException("Signature-Input: created must be an integer");
        }
        if (!(params.get("alg") instanceof String alg) || !alg.equals(ALGORITHM)) {
            throw new ProfileException("Signature-Input: alg must be " + ALGORITHM);
        }
        if (!(params.get("keyid") instanceof String keyId) || !UUID_TEXT.matcher(keyId).matches()) {
            throw new ProfileException("Signature-Input: keyid must be a device id");
        }
        if (!(params.get("nonce") instanceof String nonce) || decodedLength(nonce) != NONCE_BYTES) {
            throw new ProfileException("Signature-Input: nonce must be 16 bytes in base64");
        }
        StringBuilder serialized = new StringBuilder("(");
        for (int i = 0; i < components.size(); i++) {
            serialized.append(i == 0 ? "" : " ").append(StructuredFields.serializeString(components.get(i)));
        }
        serialized.append(')');
        params.forEach((name, value) -> serialized.append(';').append(name).append('=')
                .append(StructuredFields.serializeBareItem(value)));
        return new SignatureInput(List.copyOf(components), created, nonce, UUID.fromString(keyId), serialized.toString());
    }

    /** The 64 bytes of {@code Signature: sig1=:…:}. */
    static byte[] parseSignature(String header) throws ProfileException {
        Map<String, Object> dictionary;
        try {
            dictionary = StructuredFields.parseDictionary(header);
        } catch (MalformedFieldException e) {
            throw new ProfileException("Signature: " + e.getMessage());
        }
        if (!(dictionary.get(LABEL) instanceof Item item) || !(item.value() instanceof byte[] signature)
                || signature.length != SIGNATURE_BYTES) {
            throw new ProfileException("Signature: sig1 must be a 64-byte byte sequence");
        }
        return signature;
    }

    /**
     * The signature base (RFC 9421 §2.5): one line per covered component, in the order signed, then
     * {@code "@signature-params"}; lines joined by a line feed, none at the end.
     *
     * @param contentDigest the {@code Content-Digest} header as received, when there is one
     */
    static String base(SignatureInput input, String method, String targetUri, Optional<String> contentDigest)
            throws ProfileException {
        StringBuilder base = new StringBuilder();
        for (String component : input.components()) {
            String value = switch (component) {
                case METHOD -> method;
                case TARGET_URI -> targetUri;
                case CONTENT_DIGEST -> contentDigest.orElseThrow(() -> new ProfileException("Content-Digest is missing"));
                default -> throw new ProfileException("component not in the profile");
            };
            base.append(StructuredFields.serializeString(component)).append(": ").append(value).append('\n');
        }
        return base.append("\"@signature-params\": ").append(input.signatureParams()).toString();
    }

    /**
     * {@code @target-uri} as the server sees the request: scheme, host, the port unless it is the scheme's default,
     * the path as sent, and the query when there is one.
     */
    static String targetUri(String scheme, String host, int port, String path, String query) {
        String lowerScheme = scheme.toLowerCase(Locale.ROOT);
        boolean defaultPort = port <= 0 || (lowerScheme.equals("http") && port == 80)
                || (lowerScheme.equals("https") && port == 443);
        return lowerScheme + "://" + host + (defaultPort ? "" : ":" + port) + path
                + (query == null || query.isEmpty() ? "" : "?" + query);
    }

    /** The {@code Content-Digest} value of a body: {@code sha-256=:<base64 of SHA-256>:} (RFC 9530). */
    static String contentDigest(byte[] body) {
        return "sha-256=:" + Base64.getEncoder().encodeToString(sha256(body)) + ":";
    }

    /**
     * Whether a {@code Content-Digest} header holds the right {@code sha-256} of the body. Other algorithms may be
     * listed beside it; sha-256 must be there.
     */
    static boolean digestMatches(String header, byte[] body) {
        try {
            Map<String, Object> digests = StructuredFields.parseDictionary(header);
            return digests.get("sha-256") instanceof Item item && item.value() instanceof byte[] given
                    && MessageDigest.isEqual(sha256(body), given);
        } catch (MalformedFieldException e) {
            return false;
        }
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static int decodedLength(String base64) {
        try {
            return Base64.getDecoder().decode(base64.getBytes(StandardCharsets.US_ASCII)).length;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }
}
