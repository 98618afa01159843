package io.verrou.otp;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@code otpauth://} Key URI, the format authenticator apps read from an enrolment QR code, for example
 * {@code otpauth://totp/Contoso:alice@contoso.example?secret=JBSWY3DPEHPK3PXP&issuer=Contoso&algorithm=SHA1&digits=6&period=30}.
 *
 * <p>An absent issuer is the empty string, never {@code null}; see {@link #issuerIfPresent()}. The secret is
 * copied in and out so that the record stays immutable, is compared in constant time, and is left out of
 * {@link #toString()} and {@link #hashCode()} so it cannot leak into logs.
 *
 * @param type        {@code "totp"} or {@code "hotp"}
 * @param issuer      the organisation shown in the app, or {@code ""} for none; must not contain {@code ':'}
 * @param accountName the account, usually an e-mail address; not blank and must not contain {@code ':'}
 * @param secret      the shared secret, not empty
 * @param parameters  the algorithm, digits and (for TOTP) period
 * @param counter     the initial HOTP counter, at least 0; always 0 for TOTP
 */
public record OtpAuthUri(String type, String issuer, String accountName, byte[] secret, OtpParameters parameters,
                         long counter) {

    /** The type of time-based URIs. */
    public static final String TOTP = "totp";

    /** The type of counter-based URIs. */
    public static final String HOTP = "hotp";

    private static final String SCHEME = "otpauth://";

    /**
     * Validates the components and copies the secret.
     *
     * @param type        {@code "totp"} or {@code "hotp"}
     * @param issuer      the organisation shown in the app, or {@code ""} for none
     * @param accountName the account, usually an e-mail address
     * @param secret      the shared secret, copied so that later changes to the array do not affect this record
     * @param parameters  the algorithm, digits and (for TOTP) period
     * @param counter     the initial HOTP counter; 0 for TOTP
     * @throws IllegalArgumentException if a component is out of range, as described on each component
     * @throws NullPointerException     if a component is {@code null}
     */
    public OtpAuthUri {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(accountName, "accountName");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(parameters, "parameters");
        if (!TOTP.equals(type) && !HOTP.equals(type)) {
            throw new IllegalArgumentException("otpauth type must be 'totp' or 'hotp', was '" + type + "'");
        }
        // The label separates issuer and account with ':', so a colon inside either would be read back wrongly.
        if (issuer.indexOf(':') >= 0) {
            throw new IllegalArgumentException("otpauth issuer must not contain ':'");
        }
        if (accountName.isBlank()) {
            throw new IllegalArgumentException("otpauth account name must not be blank");
        }
        if (accountName.indexOf(':') >= 0) {
            throw new IllegalArgumentException("otpauth account name must not contain ':'");
        }
        if (secret.length == 0) {
            throw new IllegalArgumentException("otpauth secret must not be empty");
        }
        if (counter < 0) {
            throw new IllegalArgumentException("otpauth counter must not be negative, was " + counter);
        }
        if (TOTP.equals(type) && counter != 0) {
            throw new IllegalArgumentException("otpauth counter only applies to hotp, but type is totp");
        }
        secret = secret.clone();
    }

    /**
     * Creates a TOTP URI, the usual case.
     *
     * @param issuer      the organisation shown in the app, or {@code ""} for none
     * @param accountName the account, usually an e-mail address
     * @param secret      the shared secret
     * @param parameters  the algorithm, digits and period
     * @return the URI
     * @throws IllegalArgumentException if an argument is invalid, as described on the record components
     * @throws NullPointerException     if an argument is {@code null}
     */
    public static OtpAuthUri totp(String issuer, String accountName, byte[] secret, OtpParameters parameters) {
        return new OtpAuthUri(TOTP, issuer, accountName, secret, parameters, 0);
    }

    /**
     * Creates an HOTP URI.
     *
     * @param issuer      the organisation shown in the app, or {@code ""} for none
     * @param accountName the account, usually an e-mail address
     * @param secret      the shared secret
     * @param parameters  the algorithm and digits; the period is ignored
     * @param counter     the initial counter, at least 0
     * @return the URI
     * @throws IllegalArgumentException if an argument is invalid, as described on the record components
     * @throws NullPointerException     if an argument is {@code null}
     */
    public static OtpAuthUri hotp(String issuer, String accountName, byte[] secret, OtpParameters parameters,
                                  long counter) {
        return new OtpAuthUri(HOTP, issuer, accountName, secret, parameters, counter);
    }

    /**
     * Returns a copy of the secret, so that callers cannot change this record.
     *
     * @return a new array holding the secret
     */
    @Override
    public byte[] secret() {
        return secret.clone();
    }

    /**
     * Returns the issuer when there is one.
     *
     * @return the issuer, or empty if {@link #issuer()} is {@code ""}
     */
    public Optional<String> issuerIfPresent() {
        return issuer.isEmpty() ? Optional.empty() : Optional.of(issuer);
    }

    /**
     * Builds the URI text to put in a QR code.
     *
     * <p>The label is {@code ISSUER:ACCOUNT} (or just the account when there is no issuer) and the issuer is
     * repeated as a parameter, as the Key URI format recommends for apps that read only one of them. Spaces are
     * encoded as {@code %20}, never {@code +}, because some apps show a {@code +} literally in the label.
     *
     * @return the {@code otpauth://} URI
     */
    public String toUriString() {
        StringBuilder uri = new StringBuilder(SCHEME).append(type).append('/');
        if (!issuer.isEmpty()) {
            uri.append(percentEncode(issuer)).append(':');
        }
        uri.append(percentEncode(accountName));
        uri.append("?secret=").append(Base32.encode(secret));
        if (!issuer.isEmpty()) {
            uri.append("&issuer=").append(percentEncode(issuer));
        }
        uri.append("&algorithm=").append(parameters.algorithm().otpauthName());
        uri.append("&digits=").append(parameters.digits());
        if (TOTP.equals(type)) {
            uri.append("&period=").append(parameters.periodSeconds());
        } else {
            uri.append("&counter=").append(counter);
        }
        return uri.toString();
    }

    /**
     * Reads an {@code otpauth://} URI, tolerating what real-world generators produce.
     *
     * <p>Absent {@code algorithm}, {@code digits} and {@code period} take the defaults of
     * {@link OtpParameters#defaults()}. The issuer comes from the {@code issuer} parameter or, failing that, from
     * the label prefix; when both are present the parameter wins, as in current authenticator apps. Parameter
     * names and the type are case-insensitive, {@code +} in a parameter value means a space, and unknown
     * parameters (such as {@code image}) are ignored.
     *
     * @param uri the URI text
     * @return the parsed URI
     * @throws IllegalArgumentException if the text is not a valid TOTP or HOTP Key URI
     * @throws NullPointerException     if {@code uri} is {@code null}
     */
    public static OtpAuthUri parse(String uri) {
        Objects.requireNonNull(uri, "uri");
        String text = uri.trim();
        if (!text.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw new IllegalArgumentException("Not an otpauth URI: it must start with " + SCHEME);
        }
        String rest = text.substring(SCHEME.length());
        int fragment = rest.indexOf('#');
        if (fragment >= 0) {
            rest = rest.substring(0, fragment);
        }
        int slash = rest.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("otpauth URI has no label");
        }
        String type = rest.substring(0, slash).toLowerCase(Locale.ROOT);
        if (!TOTP.equals(type) && !HOTP.equals(type)) {
            throw new IllegalArgumentException("otpauth type must be 'totp' or 'hotp', was '" + type + "'");
        }
        int question = rest.indexOf('?', slash);
        String rawLabel = question < 0 ? rest.substring(slash + 1) : rest.substring(slash + 1, question);
        String label = percentDecode(rawLabel, false);
        Map<String, String> query = parseQuery(question < 0 ? "" : rest.substring(question + 1));

        String labelIssuer = "";
        String accountName = label;
        int colon = label.indexOf(':');
        if (colon >= 0) {
            labelIssuer = label.substring(0, colon).trim();
            // The Key URI format allows spaces after the colon ("Example: alice@google.com").
            accountName = label.substring(colon + 1).trim();
        }
        if (accountName.isBlank()) {
            throw new IllegalArgumentException("otpauth URI has no account name in its label");
        }
        String issuerParameter = query.getOrDefault("issuer", "").trim();
        String issuer = issuerParameter.isEmpty() ? labelIssuer : issuerParameter;

        String encodedSecret = query.get("secret");
        if (encodedSecret == null || encodedSecret.isBlank()) {
            throw new IllegalArgumentException("otpauth URI has no secret parameter");
        }
        byte[] secret;
        try {
            secret = Base32.decode(encodedSecret);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("otpauth secret is not valid Base32: " + e.getMessage(), e);
        }

        OtpParameters defaults = OtpParameters.defaults();
        HmacAlgorithm algorithm = query.containsKey("algorithm")
                ? HmacAlgorithm.fromOtpauthName(query.get("algorithm"))
                : defaults.algorithm();
        int digits = query.containsKey("digits") ? parseInt("digits", query.get("digits")) : defaults.digits();
        int period = query.containsKey("period") ? parseInt("period", query.get("period")) : defaults.periodSeconds();
        OtpParameters parameters = new OtpParameters(algorithm, digits, period);

        long counter = 0;
        if (HOTP.equals(type)) {
            if (!query.containsKey("counter")) {
                throw new IllegalArgumentException("otpauth hotp URI has no counter parameter");
            }
            counter = parseLong("counter", query.get("counter"));
        }
        return new OtpAuthUri(type, issuer, accountName, secret, parameters, counter);
    }

    /**
     * Compares all components, the secret by content and in constant time.
     *
     * @param other the object to compare with
     * @return whether {@code other} is an equal URI
     */
    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof OtpAuthUri that)) {
            return false;
        }
        return counter == that.counter
                && type.equals(that.type)
                && issuer.equals(that.issuer)
                && accountName.equals(that.accountName)
                && parameters.equals(that.parameters)
                && MessageDigest.isEqual(secret, that.secret);
    }

    /**
     * Hashes every component except the secret, so that a hash that ends up somewhere visible reveals nothing
     * about it; equal URIs still have equal hashes.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return Objects.hash(type, issuer, accountName, parameters, counter);
    }

    /**
     * Describes the URI with the secret hidden, so that logging the record is safe.
     *
     * @return a description without the secret
     */
    @Override
    public String toString() {
        return "OtpAuthUri[type=" + type + ", issuer=" + issuer + ", accountName=" + accountName
                + ", secret=(hidden), parameters=" + parameters + ", counter=" + counter + "]";
    }

    private static Map<String, String> parseQuery(String query) {
        Map<String, String> parameters = new HashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = percentDecode(equals < 0 ? pair : pair.substring(0, equals), true).toLowerCase(Locale.ROOT);
            String value = equals < 0 ? "" : percentDecode(pair.substring(equals + 1), true);
            // Two different secrets or issuers in one URI means it was tampered with or badly built; guessing which
            // one an app would pick is worse than refusing.
            if (parameters.putIfAbsent(name, value) != null) {
                throw new IllegalArgumentException("otpauth parameter '" + name + "' appears more than once");
            }
        }
        return parameters;
    }

    private static int parseInt(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("otpauth " + name + " must be a whole number, was '" + value + "'", e);
        }
    }

    private static long parseLong(String name, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("otpauth " + name + " must be a whole number, was '" + value + "'", e);
        }
    }

    /** Character.digit would also accept non-ASCII digits, which RFC 3986 escapes never contain. */
    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }

    /**
     * Encodes UTF-8 bytes outside RFC 3986's unreserved set, except {@code '@'}, which is legal in both the path and
     * the query and keeps e-mail addresses readable in the label.
     */
    private static String percentEncode(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '@') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0x0F, 16)));
            }
        }
        return out.toString();
    }

    /**
     * Decodes percent escapes as UTF-8; {@code plusIsSpace} is for query values, where form encoding writes a
     * space as {@code +}, whereas in the label a {@code +} is literal (as in {@code alice+otp@example.com}).
     */
    private static String percentDecode(String value, boolean plusIsSpace) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%') {
                int high = i + 1 < value.length() ? hexValue(value.charAt(i + 1)) : -1;
                int low = i + 2 < value.length() ? hexValue(value.charAt(i + 2)) : -1;
                if (high < 0 || low < 0) {
                    throw new IllegalArgumentException("otpauth URI has an invalid percent escape at position " + i);
                }
                bytes.write((high << 4) | low);
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else {
                // Whole code points, so that a raw (unescaped) emoji in a label survives the trip through bytes.
                int codePoint = value.codePointAt(i);
                bytes.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(codePoint) - 1;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("otpauth URI has percent escapes that are not valid UTF-8", e);
        }
    }
}
