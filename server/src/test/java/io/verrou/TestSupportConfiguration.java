package io.verrou;

import io.verrou.delivery.outbox.JdbcOutbox;
import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.user.UserAccounts;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.RestController;

@TestConfiguration(proxyBeanMethods = false)
public class TestSupportConfiguration {

    @Bean
    @Primary
    MutableClock testClock() {
        return new MutableClock();
    }

    @Bean
    @Primary
    SwitchableSmsSender switchableSmsSender(JdbcOutbox outbox) {
        return new SwitchableSmsSender(outbox::send);
    }

    @Bean
    TestAccounts testAccounts(JdbcTenantRepository tenants, UserAccounts accounts) {
        return new TestAccounts(tenants, accounts);
    }

    /** Pages that fail on purpose, to see what people get when something breaks (found by component scan). */
    @RestController
    static class FailingController {

        @GetMapping("/test/failure")
        String failure() {
            throw new IllegalStateException("secret-detail-that-must-not-leak at io.verrou.Internal");
        }

        @GetMapping("/test/number")
        @ResponseBody
        String number(@RequestParam int value) {
            return "got " + value;
        }

        @PostMapping("/test/post-only")
        String postOnly() {
            return "posted";
        }
    }
}
