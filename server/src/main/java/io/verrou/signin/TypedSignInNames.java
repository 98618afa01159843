package io.verrou.signin;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import io.verrou.crypto.KeyedHash;
import io.verrou.user.SignInName;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * The name typed on the Sign in page, carried to Enter password and to "Forgot my password" in a cookie rather than
 * a session, so that nothing is stored before a sign-in actually starts (SPEC S14): a session row is made only when
 * the password (or a pass) is right. The cookie is signed, lives for the browser session only, and is forgotten at
 * sign-in.
 */
@Component
public class TypedSignInNames {

    static final String COOKIE = "VERROU_NAME";
    private static final String PURPOSE = "typed-sign-in-name";

    private final KeyedHash keyedHash;

    public TypedSignInNames(KeyedHash keyedHash) {
        this.keyedHash = keyedHash;
    }

    /** The normalised name this browser typed last, if its cookie is one of ours. */
    public Optional<String> read(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (COOKIE.equals(cookie.getName())) {
                return parse(cookie.getValue());
            }
        }
        return Optional.empty();
    }

    public void remember(String normalisedName, HttpServletRequest request, HttpServletResponse response) {
        String encoded = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(normalisedName.getBytes(StandardCharsets.UTF_8));
        write(encoded + "." + keyedHash.hash(PURPOSE, normalisedName), -1, request, response);
    }

    void forget(HttpServletRequest request, HttpServletResponse response) {
        write("", 0, request, response);
    }

    private Optional<String> parse(String value) {
        int dot = value.indexOf('.');
        if (dot <= 0 || value.length() > 2 * SignInName.MAX_LENGTH) {
            return Optional.empty();
        }
        try {
            String name = new String(Base64.getUrlDecoder().decode(value.substring(0, dot)), StandardCharsets.UTF_8);
            if (!keyedHash.matches(PURPOSE, name, value.substring(dot + 1))) {
                return Optional.empty();
            }
            return SignInName.parse(name);
        } catch (IllegalArgumentException notOurs) {
            return Optional.empty();
        }
    }

    private static void write(String value, long maxAge, HttpServletRequest request, HttpServletResponse response) {
        ResponseCookie cookie = ResponseCookie.from(COOKIE, value)
                .path(request.getContextPath().isEmpty() ? "/" : request.getContextPath())
                .httpOnly(true)
                .secure(request.isSecure())
                .sameSite("Lax")
                .maxAge(maxAge)
                .build();
        response.addHeader("Set-Cookie", cookie.toString());
    }
}
