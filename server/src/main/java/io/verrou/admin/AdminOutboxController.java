package io.verrou.admin;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import io.verrou.delivery.DeliveryConditions;
import io.verrou.delivery.outbox.JdbcOutbox;
import io.verrou.user.JdbcUserRepository;
import io.verrou.user.SignedInUser;

import org.springframework.core.env.Environment;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The organisation's outbox in the console (SPEC S11): what the outbox provider kept for its people, so that an
 * administrator can help someone while nothing reaches a real phone, without the public {@code /dev/outbox} pages.
 */
@Controller
class AdminOutboxController {

    static final int SHOWN = 200;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final JdbcOutbox outbox;
    private final JdbcUserRepository users;
    private final boolean inUse;

    AdminOutboxController(JdbcOutbox outbox, JdbcUserRepository users, Environment environment) {
        this.outbox = outbox;
        this.users = users;
        this.inUse = DeliveryConditions.outboxInUse(environment);
    }

    @GetMapping("/admin/outbox")
    String outbox(@AuthenticationPrincipal SignedInUser signedIn, Model model) {
        model.addAttribute("user", users.findById(signedIn.userId()).orElseThrow());
        model.addAttribute("inUse", inUse);
        model.addAttribute("deliveries", inUse ? outbox.newestFirstFor(signedIn.tenantId(), SHOWN) : List.of());
        model.addAttribute("time", TIME);
        return "admin/outbox";
    }
}
