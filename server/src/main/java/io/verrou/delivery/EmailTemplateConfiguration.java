package io.verrou.delivery;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.thymeleaf.templateresolver.ITemplateResolver;

/**
 * The plain-text versions of emails, {@code templates/email/<name>.txt}, in Thymeleaf's TEXT mode. The HTML
 * versions, {@code templates/email/<name>.html}, come from Spring Boot's resolver like every page.
 */
@Configuration(proxyBeanMethods = false)
class EmailTemplateConfiguration {

    /**
     * Asked before Spring Boot's resolver (which has no order, so comes last), and only for names that end in
     * {@code .txt}: no page is named so, and Boot's resolver would otherwise claim those names and read them as
     * HTML.
     */
    static final int ORDER = 1;

    @Bean
    ITemplateResolver emailTextTemplateResolver(@Value("${spring.thymeleaf.cache:true}") boolean cache) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/email/");
        resolver.setSuffix(".txt");
        resolver.setResolvablePatterns(Set.of("*.txt"));
        resolver.setTemplateMode(TemplateMode.TEXT);
        resolver.setForceTemplateMode(true);
        resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resolver.setCacheable(cache);
        resolver.setOrder(ORDER);
        return resolver;
    }
}
