package io.verrou.oidc;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.web.util.UriComponentsBuilder;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An app's side of OpenID Connect, as a test plays it by hand: the authorization URL with PKCE and state, and the
 * token, revocation and introspection requests its server sends.
 */
final class TestApp {

    static final String REDIRECT = "https://app.example/callback";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    final String issuer;
    final String clientId;
    final Optional<String> secret;
    final String verifier = random();
    final String state = random();
    final String nonce = random();
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    TestApp(String issuer, String clientId, Optional<String> secret) {
        this.issuer = issuer;
        this.clientId = clientId;
        this.secret = secret;
    }

    static String random() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    String challenge() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The authorization request, with PKCE, plus any extra parameters (name, value, …). */
    String authorize(String... extra) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(issuer + "/oauth2/authorize")
                .queryParam("response_type", "code")
                .queryParam("client_id", clientId)
                .queryParam("redirect_uri", REDIRECT)
                .queryParam("scope", "openid profile email")
                .queryParam("state", state)
                .queryParam("nonce", nonce)
                .queryParam("code_challenge", challenge())
                .queryParam("code_challenge_method", "S256");
        for (int i = 0; i < extra.length; i += 2) {
            uri.replaceQueryParam(extra[i], extra[i + 1]);
        }
        return uri.encode().build().toUriString();
    }

    /** The query parameters of where the browser was sent back to. */
    static Map<String, String> answer(String location) {
        Map<String, String> values = new LinkedHashMap<>();
        UriComponentsBuilder.fromUriString(location).build().getQueryParams()
                .forEach((name, list) -> values.put(name, java.net.URLDecoder.decode(list.get(0), StandardCharsets.UTF_8)));
        return values;
    }

    JsonNode exchange(String code) {
        return post("/oauth2/token", "grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT,
                "code_verifier", verifier).json();
    }

    Response refresh(String refreshToken) {
        return post("/oauth2/token", "grant_type", "refresh_token", "refresh_token", refreshToken);
    }

    Response post(String endpoint, String... namesAndValues) {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            form.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(issuer + endpoint))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json");
        if (secret.isPresent()) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (enc(clientId) + ":" + enc(secret.get())).getBytes(StandardCharsets.UTF_8)));
        } else {
            form.put("client_id", clientId);
        }
        String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    Response get(String url, String bearer) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + bearer).GET().build());
    }

    static Response getPublic(String url) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    record Response(int status, String body) {

        JsonNode json() {
            return JSON.readTree(body);
        }
    }
}
