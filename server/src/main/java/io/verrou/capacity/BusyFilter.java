package io.verrou.capacity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

/**
 * The outermost filter: when capacity runs out before or after the page itself (the session is read and saved
 * around it, and that needs a database connection), the person still gets the 503 page, never a 500. The page is
 * written here, without the session or the database, with the headers every page carries.
 */
public class BusyFilter extends OncePerRequestFilter {

    private final Busy busy;
    private final ITemplateEngine templates;
    private final LocaleResolver locales;
    private final Map<String, String> pageHeaders;

    /**
     * @param pageHeaders the security headers of every page (the Content-Security-Policy among them)
     */
    public BusyFilter(Busy busy, ITemplateEngine templates, LocaleResolver locales, Map<String, String> pageHeaders) {
        this.busy = busy;
        this.templates = templates;
        this.locales = locales;
        this.pageHeaders = Map.copyOf(pageHeaders);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException failure) {
            Optional<Busy.Refusal> refusal = busy.refusal(failure);
            if (refusal.isEmpty() || response.isCommitted()) {
                throw failure;
            }
            response.reset();
            busy.prepare(refusal.get(), request, response);
            if (busy.wantsJson(request)) {
                busy.writeJson(request, response);
                return;
            }
            pageHeaders.forEach(response::setHeader);
            response.setContentType("text/html;charset=UTF-8");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Locale locale = locales.resolveLocale(request);
            String path = request.getRequestURI().substring(request.getContextPath().length());
            WebContext page = new WebContext(JakartaServletWebApplication.buildApplication(request.getServletContext())
                    .buildExchange(request, response), locale,
                    Map.of("errorKey", "error.503", "status", 503,
                            "tryAgain", Busy.tryAgainPath(request, path, request.getMethod())));
            templates.process("error", page, response.getWriter());
        }
    }
}
