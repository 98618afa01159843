package io.verrou.signin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

import io.verrou.crypto.KeyedHash;
import io.verrou.user.JdbcUserRepository;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * "Don't ask again for N days" (SPEC S5): a cookie naming the person and when it ends, signed with a key
 * of the server and the person's security stamp, so that a change to their security info or "sign out
 * everywhere" revokes every remembered browser at once.
 */
@Component
public class RememberedBrowsers {

    static final String COOKIE = "VERROU_MFA_REMEMBERED";
    private static final String PURPOSE = "remembered-browser";

    private final KeyedHash keyedHash;
    private final JdbcUserRepository users;
    private final Clock clock;

    public RememberedBrowsers(KeyedHash keyedHash, JdbcUserRepository users, Clock clock) {
        this.keyedHash = keyedHash;
        this.users = users;
        this.clock = clock;
    }

    /** Remembers this browser for {@code userId} for {@code days}. */
    public void remember(UUID userId, int days, HttpServletRequest request, HttpServletResponse response) {
        Instant until = clock.instant().plus(Duration.ofDays(days));
        String payload = userId + "." + until.getEpochSecond();
        String value = payload + "." + signature(payload, users.securityStamp(userId));
        ResponseCookie cookie = ResponseCookie.from(COOKIE, value)
                .httpOnly(true)
                .secure(request.isSecure())
                .sameSite("Lax")
                .path("/")
                .maxAge(Duration.ofDays(days))
                .build();
        response.addHeader("Set-Cookie", cookie.toString());
    }

    /** Whether this browser is remembered for {@code userId}, unexpired, under their current stamp. */
    public boolean isRemembered(UUID userId, HttpServletRequest request) {
        Optional<String> value = Optional.ofNullable(request.getCookies()).stream().flatMap(Arrays::stream)
                .filter(c -> COOKIE.equals(c.getName())).map(Cookie::getValue).findFirst();
        if (value.isEmpty()) {
            return false;
        }
        String[] parts = value.get().split("\\.");
        if (parts.length != 3 || !parts[0].equals(userId.toString())) {
            return false;
        }
        long until;
        try {
            until = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            return false;
        }
        String expected = signature(parts[0] + "." + parts[1], users.securityStamp(userId));
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), parts[2].getBytes(StandardCharsets.US_ASCII))
                && clock.instant().isBefore(Instant.ofEpochSecond(until));
    }

    private String signature(String payload, String securityStamp) {
        return keyedHash.hash(PURPOSE, payload + "." + securityStamp);
    }
}
