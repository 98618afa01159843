package io.verrou.passwordreset;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Hands the reset in progress to the portal's handlers: a {@link ResetSession} parameter gets it, or the request
 * ends at {@link Ended} when there is none or its 15 minutes are over; an {@code Optional<ResetSession>} gets it
 * when there is one.
 */
final class CurrentReset implements HandlerMethodArgumentResolver {

    static final String ATTRIBUTE = CurrentReset.class.getName() + ".STATE";

    private final ResetVerification verification;

    CurrentReset(ResetVerification verification) {
        this.verification = verification;
    }

    /** Keeps where the reset stands for the next request. */
    static void store(HttpSession session, ResetSession reset) {
        session.setAttribute(ATTRIBUTE, reset);
    }

    /** Ends the reset of this session. */
    static void forget(HttpSession session) {
        session.removeAttribute(ATTRIBUTE);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.nestedIfOptional().getNestedParameterType() == ResetSession.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container, NativeWebRequest request,
            WebDataBinderFactory binders) {
        HttpSession session = request.getNativeRequest(HttpServletRequest.class).getSession(false);
        Object stored = session == null ? null : session.getAttribute(ATTRIBUTE);
        Optional<ResetSession> current = Optional.ofNullable(stored).filter(ResetSession.class::isInstance)
                .map(ResetSession.class::cast).filter(reset -> !verification.expired(reset));
        if (parameter.getParameterType() == Optional.class) {
            return current;
        }
        if (current.isEmpty()) {
            if (session != null) {
                forget(session);
            }
            throw new Ended(stored != null);
        }
        return current.get();
    }

    /** No reset in progress: the portal starts again, saying so when one was under way. */
    static final class Ended extends RuntimeException {

        private final boolean hadOne;

        Ended(boolean hadOne) {
            super("No password reset in progress", null, false, false);
            this.hadOne = hadOne;
        }

        /** Where the browser goes instead. */
        String redirect() {
            return hadOne ? "redirect:/passwordreset?expired" : "redirect:/passwordreset";
        }
    }
}
