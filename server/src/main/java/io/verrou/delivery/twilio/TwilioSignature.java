package io.verrou.delivery.twilio;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Twilio's request signature ({@code X-Twilio-Signature}): base64 of HMAC-SHA1, keyed with the auth token, over
 * the full URL Twilio requested followed by every POST parameter sorted by name, each name then its value.
 */
public final class TwilioSignature {

    public static final String HEADER = "X-Twilio-Signature";

    private TwilioSignature() {
    }

    /** The signature Twilio sends for this URL and these POST parameters. */
    public static String compute(String authToken, String url, Map<String, List<String>> parameters) {
        StringBuilder data = new StringBuilder(url);
        for (Map.Entry<String, List<String>> parameter : new TreeMap<>(parameters).entrySet()) {
            List<String> values = new ArrayList<>(parameter.getValue());
            values.sort(null);
            for (String value : values) {
                data.append(parameter.getKey()).append(value);
            }
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA1 is not available", e);
        }
    }

    /** Whether the header is the signature of this request; compared in constant time. */
    public static boolean verify(String authToken, String url, Map<String, List<String>> parameters, String header) {
        if (header == null || header.isBlank()) {
            return false;
        }
        byte[] expected = compute(authToken, url, parameters).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, header.strip().getBytes(StandardCharsets.US_ASCII));
    }
}
