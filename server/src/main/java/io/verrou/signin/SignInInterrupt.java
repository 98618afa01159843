package io.verrou.signin;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.verrou.user.User;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A page a signed-in person must go through before the one they asked for — registering the security info their
 * organisation requires, confirming it is still accurate. Once due, every page but its own (and what any page
 * needs: styles, scripts, signing out) leads there until it is done; the page asked for is kept for after it.
 * The features that own such pages extend this class; sign-in only knows when to ask them ({@link Stage}).
 */
public abstract class SignInInterrupt extends OncePerRequestFilter {

    /** When in sign-in an interrupt is asked whether it is due. */
    public enum Stage {
        /** Right after the password, before the second factor: a person with nothing to prove it with registers first. */
        AFTER_PASSWORD,
        /** Once every factor the sign-in needs is proved. */
        AFTER_SIGN_IN
    }

    /** What every page needs, whatever holds the browser. */
    private static final List<String> ALWAYS_ALLOWED = List.of("/signout", "/signin", "/css/", "/js/", "/img/",
            "/favicon.ico", "/error", "/dev/outbox", "/actuator/health", "/api/");

    private final String pending = getClass().getName() + ".PENDING";
    private final String target = getClass().getName() + ".TARGET";
    private final String path;
    private final List<String> allowed;

    /**
     * @param path        the interrupt's page, and the start of every path of its own
     * @param alsoAllowed other paths it lets through, e.g. the pages it sends the person to
     */
    protected SignInInterrupt(String path, List<String> alsoAllowed) {
        this.path = path;
        List<String> all = new ArrayList<>(ALWAYS_ALLOWED);
        all.add(path);
        all.addAll(alsoAllowed);
        this.allowed = List.copyOf(all);
    }

    /** When it is asked. */
    public abstract Stage stage();

    /** Whether the person must go through it now. */
    protected abstract boolean due(User user);

    /** Where a person just signed in goes next: this interrupt when it is due, else {@code target}. */
    public final String afterSignIn(User user, String target, HttpSession session) {
        if (!due(user)) {
            return target;
        }
        session.setAttribute(pending, Boolean.TRUE);
        session.setAttribute(this.target, target);
        return path;
    }

    /** Whether the interrupt holds this session. */
    public final boolean pending(HttpSession session) {
        return session.getAttribute(pending) != null;
    }

    /** Ends the interrupt; returns the page that was asked for before it. */
    public final String finish(HttpSession session) {
        Object asked = session.getAttribute(target);
        session.removeAttribute(pending);
        session.removeAttribute(target);
        return asked instanceof String t ? t : "/account";
    }

    @Override
    protected final void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        String requested = request.getRequestURI().substring(request.getContextPath().length());
        if (session != null && pending(session) && allowed.stream().noneMatch(requested::startsWith)) {
            response.sendRedirect(request.getContextPath() + path);
            return;
        }
        chain.doFilter(request, response);
    }
}
