package io.verrou.oidc;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.tenant.Tenant;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * One OpenID Connect issuer per organisation (SPEC S12): {@code {base}/t/{first domain}}, where the base is
 * {@code VERROU_PUBLIC_URL} when set (behind a proxy) or the address the request came to.
 */
@Component
public class Issuers {

    /** Every issuer's path starts with it. */
    static final String PREFIX = "/t/";
    /** Request attribute: the organisation whose issuer the request is for. */
    static final String TENANT = Issuers.class.getName() + ".TENANT";

    private final JdbcTenantRepository tenants;
    private final Optional<URI> publicUrl;

    public Issuers(JdbcTenantRepository tenants, @Value("${verrou.public-url:}") String publicUrl) {
        this.tenants = tenants;
        this.publicUrl = publicUrl.isBlank() ? Optional.empty() : Optional.of(URI.create(strip(publicUrl.strip())));
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The base URL people and apps see, when one is set. */
    public Optional<URI> publicUrl() {
        return publicUrl;
    }

    /** The issuer of {@code tenantId} under {@code base} (used when no public URL is set), if it has a domain. */
    public Optional<String> issuer(UUID tenantId, String base) {
        String root = publicUrl.map(URI::toString).orElse(strip(base));
        return slug(tenantId).map(slug -> root + PREFIX + slug);
    }

    /** The part of the issuer that names the organisation: its first domain. */
    public Optional<String> slug(UUID tenantId) {
        List<String> domains = tenants.domains(tenantId);
        return domains.isEmpty() ? Optional.empty() : Optional.of(domains.get(0));
    }

    /** The organisation an issuer path names, only by its first domain (one issuer, one spelling). */
    Optional<Tenant> tenantOf(String slug) {
        if (slug.isEmpty() || slug.length() > 253) {
            return Optional.empty();
        }
        return tenants.findByDomain(slug.toLowerCase(Locale.ROOT))
                .filter(tenant -> slug(tenant.id()).filter(slug::equals).isPresent());
    }

    /** The organisation of the issuer the current request is for, as {@link IssuerFilter} found it. */
    public Optional<UUID> currentTenantId() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        return attributes != null && attributes.getAttribute(TENANT, RequestAttributes.SCOPE_REQUEST) instanceof Tenant t
                ? Optional.of(t.id()) : Optional.empty();
    }
}
