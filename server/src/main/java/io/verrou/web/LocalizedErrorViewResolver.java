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

    private static final Set<Integer> EXPLAINED = Set.of(400, 403, 404, 405, 500, 503);

    @Override
    public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
        String key = EXPLAINED.contains(status.value()) ? "error." + status.value() : "error.generic";
        return new ModelAndView("error", Map.of("errorKey", key, "status", status.value()), status);
    }
}
