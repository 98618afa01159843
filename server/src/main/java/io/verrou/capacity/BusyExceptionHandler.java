package io.verrou.capacity;

import java.util.Map;

import io.verrou.crypto.CapacityExceededException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * Pages and APIs that ran out of capacity answer 503 at once (SPEC S14). A controller that can keep what the person
 * typed handles {@link CapacityExceededException} itself (the password page shows the email again); this is
 * everyone else's answer.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class BusyExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(BusyExceptionHandler.class);

    private final Busy busy;

    BusyExceptionHandler(Busy busy) {
        this.busy = busy;
    }

    /**
     * Data the database refused (a value it can't hold, a row that appeared meanwhile) is a request to correct, never
     * a stack trace or a 500.
     */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ModelAndView refused(DataIntegrityViolationException refused, HttpServletRequest request) {
        log.warn("The database refused what {} {} sent: {}", request.getMethod(), request.getRequestURI(),
                refused.getMostSpecificCause().getClass().getSimpleName());
        ModelAndView page = new ModelAndView("error", Map.of("errorKey", "error.400", "status", 400));
        page.setStatus(HttpStatus.BAD_REQUEST);
        return page;
    }

    @ExceptionHandler({CapacityExceededException.class, DataAccessException.class, CannotCreateTransactionException.class})
    ModelAndView busy(Exception failure, HttpServletRequest request, HttpServletResponse response) throws Exception {
        Busy.Refusal refusal = busy.refusal(failure).orElseThrow(() -> failure);
        busy.prepare(refusal, request, response);
        if (busy.wantsJson(request)) {
            busy.writeJson(request, response);
            return new ModelAndView();
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return Busy.page(Busy.tryAgainPath(request, path, request.getMethod()));
    }
}
