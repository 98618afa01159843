package io.verrou.capacity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import io.verrou.crypto.CapacityExceededException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Past its capacity Verrou answers at once (SPEC S14): a 503 with {@code Retry-After}, in the person's language,
 * or in JSON for an API. Two things run out: room to hash a password or an answer (admission control), and
 * connections in the database pool. Each refusal is counted in the metrics by what ran out.
 */
@Component
public class Busy {

    static final Duration DATABASE_RETRY = Duration.ofSeconds(3);

    private final MeterRegistry meters;
    private final MessageSource messages;
    private final LocaleResolver locales;

    Busy(MeterRegistry meters, MessageSource messages, LocaleResolver locales) {
        this.meters = meters;
        this.messages = messages;
        this.locales = locales;
    }

    /** What ran out, when {@code failure} (or what caused it) says that capacity did. */
    public Optional<Refusal> refusal(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CapacityExceededException exceeded) {
                return Optional.of(new Refusal("hashing", exceeded.retryAfter()));
            }
            if (cause instanceof SQLTransientConnectionException || cause instanceof DataAccessResourceFailureException
                    || cause instanceof TransientDataAccessException) {
                // The pool ran dry, or the database is away or busy for a moment: try again soon.
                return Optional.of(new Refusal("database", DATABASE_RETRY));
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return Optional.empty();
    }

    /** Why a request was refused, and how long to wait before trying again. */
    public record Refusal(String reason, Duration retryAfter) {
    }

    /** Counts the refusal and sets the status and {@code Retry-After}; the caller writes the body. */
    public void prepare(Refusal refusal, HttpServletRequest request, HttpServletResponse response) {
        meters.counter("verrou.capacity.refused", "reason", refusal.reason()).increment();
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", Long.toString(refusal.retryAfter().toSeconds()));
    }

    /**
     * Where "Try again" leads: the page itself after a GET, else the page the form was on (the browser sends it
     * for our own pages), else My account.
     */
    public static String tryAgainPath(HttpServletRequest request, String path, String method) {
        if ("GET".equals(method) && isLocalPath(path)) {
            return path;
        }
        String referer = request.getHeader("Referer");
        if (referer != null) {
            try {
                java.net.URI from = java.net.URI.create(referer);
                if (from.getHost() != null && from.getHost().equalsIgnoreCase(request.getServerName())
                        && isLocalPath(from.getRawPath())) {
                    return from.getRawPath() + (from.getRawQuery() != null ? "?" + from.getRawQuery() : "");
                }
            } catch (IllegalArgumentException ignored) {
                // Not an address: fall through.
            }
        }
        return "/account";
    }

    /** The error page with the 503 text and a "Try again" link. */
    public static ModelAndView page(String tryAgain) {
        ModelAndView page = new ModelAndView("error", Map.of("errorKey", "error.503", "status", 503,
                "tryAgain", tryAgain));
        page.setStatus(HttpStatus.SERVICE_UNAVAILABLE);
        return page;
    }

    /** A path of this server: not {@code //host}, which a browser would read as another site. */
    private static boolean isLocalPath(String path) {
        return path != null && path.startsWith("/") && !path.startsWith("//") && !path.contains("\\");
    }

    /** Whether the request is for a JSON API rather than a page. */
    public boolean wantsJson(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String accept = Optional.ofNullable(request.getHeader("Accept")).orElse("");
        return path.startsWith("/api/") || path.startsWith("/actuator/") || path.endsWith(".json")
                || (accept.contains(MediaType.APPLICATION_JSON_VALUE) && !accept.contains(MediaType.TEXT_HTML_VALUE));
    }

    /** The JSON answer of an API: the same words as the page, in the request's language. */
    public void writeJson(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Locale locale = locales.resolveLocale(request);
        String message = messages.getMessage("error.503.text", null, locale);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"error\":\"busy\",\"message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"")
                + "\",\"retryAfterSeconds\":" + response.getHeader("Retry-After") + "}");
    }
}
