package io.verrou.throttle;

import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/** The 429 page: how long to wait, in the person's language, and {@code Retry-After}. */
@ControllerAdvice
class TooManyRequestsHandler {

    @ExceptionHandler(TooManyRequestsException.class)
    ModelAndView tooMany(TooManyRequestsException tooMany, HttpServletResponse response) {
        long minutes = Math.max(1, (tooMany.retryAfter().toSeconds() + 59) / 60);
        response.setHeader("Retry-After", Long.toString(Math.max(1, tooMany.retryAfter().toSeconds())));
        ModelAndView page = new ModelAndView("error", Map.of("errorKey", "error.429", "status", 429,
                "errorArgument", minutes));
        page.setStatus(HttpStatus.TOO_MANY_REQUESTS);
        return page;
    }
}
