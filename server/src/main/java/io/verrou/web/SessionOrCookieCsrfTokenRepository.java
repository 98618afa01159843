package io.verrou.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;

/**
 * CSRF tokens in the session once there is one, and in an HTTP-only, same-site cookie before that, so that the
 * anonymous pages (Sign in, Enter password, the reset portal's first page) need no session and write nothing
 * (SPEC S14), while every POST still carries a token that a page of another site can neither read nor make. At
 * sign-in the token moves into the new session and is renewed.
 */
final class SessionOrCookieCsrfTokenRepository implements CsrfTokenRepository {

    static final String COOKIE = "VERROU_CSRF";

    private final HttpSessionCsrfTokenRepository session = new HttpSessionCsrfTokenRepository();
    private final CookieCsrfTokenRepository cookie = new CookieCsrfTokenRepository();

    SessionOrCookieCsrfTokenRepository() {
        cookie.setCookieName(COOKIE);
        cookie.setHeaderName(session.generateToken(null).getHeaderName());
        cookie.setParameterName(session.generateToken(null).getParameterName());
        cookie.setCookieCustomizer(c -> c.httpOnly(true).sameSite("Strict"));
    }

    @Override
    public CsrfToken generateToken(HttpServletRequest request) {
        return session.generateToken(request);
    }

    @Override
    public void saveToken(CsrfToken token, HttpServletRequest request, HttpServletResponse response) {
        if (request.getSession(false) != null) {
            session.saveToken(token, request, response);
            if (token == null && cookie.loadToken(request) != null) {
                cookie.saveToken(null, request, response);
            }
        } else {
            cookie.saveToken(token, request, response);
        }
    }

    @Override
    public CsrfToken loadToken(HttpServletRequest request) {
        if (request.getSession(false) != null) {
            CsrfToken inSession = session.loadToken(request);
            if (inSession != null) {
                return inSession;
            }
        }
        return cookie.loadToken(request);
    }
}
