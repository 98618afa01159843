package example.rp;

import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.servlet.OAuth2ClientWebSecurityAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An app that is not ours: Spring Security's OAuth2 client, configured only as its documentation says (an issuer, a
 * client id and secret), signing its users in through Verrou. Its one page shows what the ID token said.
 */
@SpringBootConfiguration
@ImportAutoConfiguration({PropertyPlaceholderAutoConfiguration.class, TomcatServletWebServerAutoConfiguration.class,
        DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class,
        HttpMessageConvertersAutoConfiguration.class, SecurityAutoConfiguration.class,
        ServletWebSecurityAutoConfiguration.class, SecurityFilterAutoConfiguration.class,
        OAuth2ClientAutoConfiguration.class, OAuth2ClientWebSecurityAutoConfiguration.class})
@Import(RelyingParty.Home.class)
public class RelyingParty {

    /** Starts the app on {@code port}, registered at {@code issuer} as {@code clientId}. */
    public static ConfigurableApplicationContext start(int port, String issuer, String clientId, String secret) {
        return new SpringApplicationBuilder(RelyingParty.class)
                .properties(Map.of(
                        // Nothing of Verrou's own configuration: this app has none of it.
                        "spring.config.name", "relying-party",
                        "server.port", Integer.toString(port),
                        "spring.security.oauth2.client.registration.verrou.client-id", clientId,
                        "spring.security.oauth2.client.registration.verrou.client-secret", secret,
                        "spring.security.oauth2.client.registration.verrou.scope", "openid,profile,email",
                        "spring.security.oauth2.client.provider.verrou.issuer-uri", issuer,
                        "server.servlet.session.cookie.name", "RP_SESSION"))
                .run();
    }

    @Bean
    SecurityFilterChain appSecurity(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .oauth2Login(Customizer.withDefaults())
                .build();
    }

    @RestController
    static class Home {

        @GetMapping(value = "/", produces = MediaType.TEXT_HTML_VALUE)
        String home(@AuthenticationPrincipal OidcUser user) {
            List<String> amr = user.getIdToken().getClaimAsStringList("amr");
            return "<!DOCTYPE html><html><body><main><h1>Payroll home</h1>"
                    + "<p id=\"email\">" + user.getEmail() + "</p>"
                    + "<p id=\"amr\">" + String.join(" ", amr == null ? List.of() : amr) + "</p>"
                    + "<p id=\"acr\">" + user.getIdToken().getClaimAsString("acr") + "</p>"
                    + "</main></body></html>";
        }
    }
}
