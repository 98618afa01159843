package io.verrou.passwordreset;

import java.util.List;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Lets the portal's handlers take the reset in progress as a parameter ({@link CurrentReset}). */
@Configuration(proxyBeanMethods = false)
class PasswordResetWebConfiguration implements WebMvcConfigurer {

    private final ResetVerification verification;

    PasswordResetWebConfiguration(ResetVerification verification) {
        this.verification = verification;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CurrentReset(verification));
    }
}
