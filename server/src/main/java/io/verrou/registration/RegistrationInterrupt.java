package io.verrou.registration;

import java.io.IOException;
import java.util.List;

import io.verrou.audit.ClientInfo;
import io.verrou.user.User;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Stops a signed-in person who lacks required security info at "More information required" (SPEC S2.3a):
 * until they finish (or skip, when allowed), every page but the wizard's leads there.
 */
@Component
public class RegistrationInterrupt extends OncePerRequestFilter {

    static final String PENDING = RegistrationInterrupt.class.getName() + ".PENDING";
    static final String TARGET = RegistrationInterrupt.class.getName() + ".TARGET";

    private static final List<String> ALLOWED = List.of("/register", "/signout", "/signin", "/css/", "/js/", "/img/",
            "/favicon.ico", "/error", "/dev/outbox", "/actuator/health", "/api/");

    private final RegistrationService registration;

    public RegistrationInterrupt(RegistrationService registration) {
        this.registration = registration;
    }

    /**
     * Called right after the password: where to go next. When registration is due, the interrupt, and the
     * page asked for is kept for after it.
     */
    public String afterSignIn(User user, String target, HttpSession session, ClientInfo client) {
        if (!registration.mustRegister(user)) {
            return target;
        }
        session.setAttribute(PENDING, Boolean.TRUE);
        session.setAttribute(TARGET, target);
        return "/register";
    }

    /** Ends the interrupt and returns the page that was asked for before it. */
    static String finish(HttpSession session) {
        Object target = session.getAttribute(TARGET);
        session.removeAttribute(PENDING);
        session.removeAttribute(TARGET);
        return target instanceof String t ? t : "/account";
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (session != null && session.getAttribute(PENDING) != null && ALLOWED.stream().noneMatch(path::startsWith)) {
            response.sendRedirect(request.getContextPath() + "/register");
            return;
        }
        chain.doFilter(request, response);
    }
}
