package io.verrou.web;

import java.util.Map;
import java.util.Set;

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

    private static final Set<Integer> EXPLAINED = Set.of(400, 403, 404, 405, 500, 503);

    @Override
    public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
        String key = EXPLAINED.contains(status.value()) ? "error." + status.value() : "error.generic";
        if (status == HttpStatus.FORBIDDEN && Boolean.TRUE.equals(request.getAttribute(CSRF_REFUSED))) {
            key = "error.403.csrf";
        }
        return new ModelAndView("error", Map.of("errorKey", key, "status", status.value()), status);
    }
}
