package io.verrou.authenticator;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the activation QR code holds (doc section 1):
 * {@code verrou-authenticator://activate?url={server URL, percent-encoded}&code={activation code}}.
 *
 * @param server the server to activate on
 * @param code   the one-time activation code
 */
record ActivationUri(ServerUrl server, ActivationCode code) {

    /** The URI scheme of the activation QR code. */
    static final String SCHEME = "verrou-authenticator";

    /**
     * Parses the text of an activation QR code.
     *
     * @param text the decoded QR code
     * @return the server and code it names
     * @throws AuthenticatorException (exit 2) if the text is not an activation URI with a valid URL and code
     */
    static ActivationUri parse(String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw notActivation();
        }
        boolean activation = SCHEME.equalsIgnoreCase(uri.getScheme())
                && "activate".equalsIgnoreCase(uri.getHost())
                && (uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"));
        if (!activation || uri.getRawQuery() == null) {
            throw notActivation();
        }
        Map<String, String> parameters = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int equals = pair.indexOf('=');
            if (equals < 0) {
                continue;
            }
            String name = decode(pair.substring(0, equals)).toLowerCase(Locale.ROOT);
            // A QR code with two urls or two codes is not one Verrou made; choosing one of them would be a guess.
            if (parameters.put(name, decode(pair.substring(equals + 1))) != null) {
                throw notActivation();
            }
        }
        String url = Optional.ofNullable(parameters.get("url")).orElseThrow(ActivationUri::notActivation);
        String code = Optional.ofNullable(parameters.get("code")).orElseThrow(ActivationUri::notActivation);
        return new ActivationUri(ServerUrl.parse(url), ActivationCode.parse(code));
    }

    private static String decode(String component) {
        try {
            return URLDecoder.decode(component, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw notActivation();
        }
    }

    private static AuthenticatorException notActivation() {
        return AuthenticatorException.failed(
                "The QR code is not a Verrou Authenticator activation (verrou-authenticator://activate?url=…&code=…).");
    }
}
