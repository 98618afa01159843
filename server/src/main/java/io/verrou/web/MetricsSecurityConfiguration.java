package io.verrou.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Prometheus metrics (SPEC S12) at {@code /actuator/prometheus}, for a scraper that sends
 * {@code Authorization: Bearer} with {@code VERROU_METRICS_TOKEN}. Without that setting nobody can read them:
 * they describe the whole service, not one organisation. No session, no cookie.
 */
@Configuration(proxyBeanMethods = false)
class MetricsSecurityConfiguration {

    @Bean
    @Order(2)
    SecurityFilterChain metricsFilterChain(HttpSecurity http, @Value("${verrou.metrics-token:}") String token)
            throws Exception {
        Optional<byte[]> expected = Optional.of(token.strip()).filter(t -> t.length() >= 16)
                .map(t -> ("Bearer " + t).getBytes(StandardCharsets.UTF_8));
        http
                .securityMatcher("/actuator/prometheus")
                .authorizeHttpRequests(requests -> requests.anyRequest().access((authentication, context) -> {
                    String header = context.getRequest().getHeader(HttpHeaders.AUTHORIZATION);
                    return new AuthorizationDecision(expected.isPresent() && header != null
                            && MessageDigest.isEqual(expected.get(), header.getBytes(StandardCharsets.UTF_8)));
                }))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint((request, response, e) -> refuse(response))
                        .accessDeniedHandler((request, response, e) -> refuse(response)));
        return http.build();
    }

    private static void refuse(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }
}
