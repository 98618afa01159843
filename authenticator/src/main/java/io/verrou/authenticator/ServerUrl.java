package io.verrou.authenticator;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * The URL of a Verrou server, in the canonical form the app stores and builds request URIs from.
 *
 * <p>Canonical means: lower-case scheme and host, no default port, no trailing slash, no query or fragment. It
 * matters because the signature covers {@code @target-uri}, which the server rebuilds from the request it receives
 * (doc section 2: "port when not the default"); {@code https://Verrou.example:443/} and
 * {@code https://verrou.example} must therefore give the same string.
 *
 * @param value the canonical URL, for example {@code https://verrou.contoso.example}
 */
record ServerUrl(String value) {

    /** The path of version 1 of the device API under the server URL. */
    static final String API_PATH = "/api/authenticator/v1";

    /**
     * Checks that the value is present; use {@link #parse(String)} for anything typed or read from a QR code.
     *
     * @param value the canonical URL
     */
    ServerUrl {
        Objects.requireNonNull(value, "value");
    }

    /**
     * Parses and canonicalises a server URL typed by a person, read from a QR code or from the state file.
     *
     * @param text the URL, http or https
     * @return the canonical URL
     * @throws AuthenticatorException (exit 2) if the text is not an http(s) URL of a server
     */
    static ServerUrl parse(String text) {
        String trimmed = text.strip();
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw invalid(trimmed);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw invalid(trimmed);
        }
        // No user info: it would be a password in the state file, and the server does not use it.
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw invalid(trimmed);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw AuthenticatorException.failed(
                    "The server URL must not have a query or fragment: " + Display.safe(trimmed));
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return new ServerUrl(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT)
                + (defaultPort ? "" : ":" + port) + path);
    }

    private static AuthenticatorException invalid(String text) {
        return AuthenticatorException.failed(
                "Not a server URL (expected https://… as shown on the page): " + Display.safe(text));
    }

    /**
     * Returns the URI of a device API resource.
     *
     * @param pathAndQuery the path under {@link #API_PATH}, starting with {@code /}, with its query if any
     * @return the absolute URI, exactly the string the signature's {@code @target-uri} covers
     */
    URI api(String pathAndQuery) {
        return URI.create(value + API_PATH + pathAndQuery);
    }

    /**
     * Tells whether requests would travel unencrypted to another machine, which deserves a warning: the activation
     * answer carries the TOTP secret.
     *
     * @return true for {@code http://} to a host other than the loopback one
     */
    boolean isPlainHttpToAnotherHost() {
        URI uri = URI.create(value);
        String host = uri.getHost();
        return uri.getScheme().equals("http")
                && !(host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"));
    }

    /**
     * Returns the canonical URL.
     *
     * @return {@link #value()}
     */
    @Override
    public String toString() {
        return value;
    }
}
