package io.verrou.web;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

/**
 * Every error page is the one {@code error} template, in the person's language, with a text chosen by
 * status. Nothing of the failure itself (exception, message, trace) reaches the page.
 */
@Component
class LocalizedErrorViewResolver implements ErrorViewResolver {

    /** Request attribute: a 403 because the form's CSRF token was missing or stale, not because of who asked. */
    static final String CSRF_REFUSED = LocalizedErrorViewResolver.class.getName() + ".CSRF";

    /** An app's sign-in request, at any organisation's issuer. */
    private static final Pattern APP_SIGN_IN_REQUEST = Pattern.compile("(/[^/]+)*/t/[^/]+/oauth2/authorize");

    private static final Set<Integer> EXPLAINED = Set.of(400, 403, 404, 405, 500, 503);

    @Override
    public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
        String key = EXPLAINED.contains(status.value()) ? "error." + status.value() : "error.generic";
        if (status == HttpStatus.FORBIDDEN && Boolean.TRUE.equals(request.getAttribute(CSRF_REFUSED))) {
            key = "error.403.csrf";
        }
        if (status == HttpStatus.BAD_REQUEST && request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri
                && APP_SIGN_IN_REQUEST.matcher(uri).matches()) {
            // An app's sign-in link we won't follow back (unknown app, unregistered return address): never redirected.
            key = "error.oidc.request";
        }
        return new ModelAndView("error", Map.of("errorKey", key, "status", status.value()), status);
    }
}
