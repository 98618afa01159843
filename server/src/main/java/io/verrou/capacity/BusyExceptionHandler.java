package io.verrou.capacity;

import io.verrou.crypto.CapacityExceededException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
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

    private final Busy busy;

    BusyExceptionHandler(Busy busy) {
        this.busy = busy;
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
