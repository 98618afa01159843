package io.verrou.admin;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.verrou.api.ApiScope;
import io.verrou.api.ApiTokens;
import io.verrou.audit.ClientInfo;
import io.verrou.user.JdbcUserRepository;
import io.verrou.user.SignedInUser;
import io.verrou.user.User;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The admin API's tokens in the console (SPEC S11): create one (shown once), see when each was used, revoke. */
@Controller
class AdminApiTokensController {

    private static final DateTimeFormatter TIMES = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    /** What the form proposes: 90 days, the most a token lives is a year. */
    static final int DEFAULT_DAYS = 90;

    private final ApiTokens tokens;
    private final JdbcUserRepository users;
    private final Clock clock;

    AdminApiTokensController(ApiTokens tokens, JdbcUserRepository users, Clock clock) {
        this.tokens = tokens;
        this.users = users;
        this.clock = clock;
    }

    @GetMapping("/admin/api-tokens")
    String page(@AuthenticationPrincipal SignedInUser signedIn, Model model) {
        return page(me(signedIn), Optional.empty(), model);
    }

    @PostMapping("/admin/api-tokens")
    String create(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String days, @RequestParam(defaultValue = "") List<String> scope,
            HttpServletRequest request, Model model) {
        User me = me(signedIn);
        Set<ApiScope> scopes = scope.stream().map(ApiScope::fromId).flatMap(Optional::stream)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(ApiScope.class)));
        int lifetime = parseDays(days);
        Optional<ApiTokens.Issued> issued = tokens.issue(me, name, lifetime, scopes, ClientInfo.from(request));
        if (issued.isEmpty()) {
            String tidy = name.strip();
            model.addAttribute("error", tidy.isEmpty() || tidy.length() > 100 ? "admin.api.name.invalid"
                    : lifetime < 1 || lifetime > 365 ? "admin.api.days.invalid" : "admin.api.scope.required");
            model.addAttribute("name", tidy.length() > 100 ? "" : tidy);
            model.addAttribute("days", days.length() > 6 ? "" : days);
            model.addAttribute("chosen", scopes);
        }
        return page(me, issued, model);
    }

    private static int parseDays(String days) {
        try {
            return days.isBlank() ? DEFAULT_DAYS : Integer.parseInt(days.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @PostMapping("/admin/api-tokens/{id}/revoke")
    String revoke(@AuthenticationPrincipal SignedInUser signedIn, @PathVariable UUID id, HttpServletRequest request) {
        tokens.revoke(me(signedIn), id, ClientInfo.from(request));
        return "redirect:/admin/api-tokens?revoked";
    }

    private String page(User me, Optional<ApiTokens.Issued> issued, Model model) {
        model.addAttribute("user", me);
        model.addAttribute("scopes", ApiScope.values());
        model.addAttribute("now", clock.instant());
        if (!model.containsAttribute("days")) {
            model.addAttribute("days", Integer.toString(DEFAULT_DAYS));
        }
        if (!model.containsAttribute("chosen")) {
            model.addAttribute("chosen", EnumSet.of(ApiScope.USERS_READ, ApiScope.METHODS_READ));
        }
        model.addAttribute("tokens", tokens.list(me.tenantId()));
        model.addAttribute("times", TIMES);
        issued.ifPresent(i -> model.addAttribute("secret", i.secret()));
        issued.ifPresent(i -> model.addAttribute("secretName", i.token().name()));
        return "admin/api-tokens";
    }

    private User me(SignedInUser signedIn) {
        return users.findById(signedIn.userId()).orElseThrow();
    }
}
