package io.verrou.oidc;

import java.io.IOException;
import java.net.URI;
import java.util.Optional;

import io.verrou.tenant.Tenant;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * First on every protocol request: finds the organisation the issuer path names (a 404 for one that names none, or
 * no issuer at all) and, behind a proxy, makes the request look as it did at the public URL, so that the issuer and
 * every endpoint in discovery carry it.
 */
final class IssuerFilter extends OncePerRequestFilter {

    private final Issuers issuers;

    IssuerFilter(Issuers issuers) {
        this.issuers = issuers;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Optional<Tenant> tenant = Optional.empty();
        if (path.startsWith(Issuers.PREFIX)) {
            int end = path.indexOf('/', Issuers.PREFIX.length());
            tenant = issuers.tenantOf(path.substring(Issuers.PREFIX.length(), end < 0 ? path.length() : end));
        }
        if (tenant.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        request.setAttribute(Issuers.TENANT, tenant.get());
        Optional<URI> publicUrl = issuers.publicUrl();
        chain.doFilter(publicUrl.isPresent() ? new AtPublicUrl(request, publicUrl.get()) : request, response);
    }

    /** The request as the proxy's clients sent it: their scheme, host and port. */
    private static final class AtPublicUrl extends HttpServletRequestWrapper {

        private final URI url;

        AtPublicUrl(HttpServletRequest request, URI url) {
            super(request);
            this.url = url;
        }

        @Override
        public String getScheme() {
            return url.getScheme();
        }

        @Override
        public String getServerName() {
            return url.getHost();
        }

        @Override
        public int getServerPort() {
            return url.getPort() >= 0 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80;
        }

        @Override
        public boolean isSecure() {
            return "https".equals(url.getScheme());
        }

        @Override
        public StringBuffer getRequestURL() {
            StringBuffer built = new StringBuffer(url.getScheme()).append("://").append(url.getHost());
            if (url.getPort() >= 0) {
                built.append(':').append(url.getPort());
            }
            return built.append(getRequestURI());
        }
    }
}
