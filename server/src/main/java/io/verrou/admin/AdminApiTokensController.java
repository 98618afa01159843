package io.verrou.admin;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.UUID;

import io.verrou.api.ApiTokens;
import io.verrou.audit.ClientInfo;
import io.verrou.signin.SignedInUser;
import io.verrou.user.JdbcUserRepository;
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

    private final ApiTokens tokens;
    private final JdbcUserRepository users;

    AdminApiTokensController(ApiTokens tokens, JdbcUserRepository users) {
        this.tokens = tokens;
        this.users = users;
    }

    @GetMapping("/admin/api-tokens")
    String page(@AuthenticationPrincipal SignedInUser signedIn, Model model) {
        return page(me(signedIn), Optional.empty(), model);
    }

    @PostMapping("/admin/api-tokens")
    String create(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam(defaultValue = "") String name,
            HttpServletRequest request, Model model) {
        User me = me(signedIn);
        Optional<ApiTokens.Issued> issued = tokens.issue(me, name, ClientInfo.from(request));
        if (issued.isEmpty()) {
            model.addAttribute("error", "admin.api.name.invalid");
        }
        return page(me, issued, model);
    }

    @PostMapping("/admin/api-tokens/{id}/revoke")
    String revoke(@AuthenticationPrincipal SignedInUser signedIn, @PathVariable UUID id, HttpServletRequest request) {
        tokens.revoke(me(signedIn), id, ClientInfo.from(request));
        return "redirect:/admin/api-tokens?revoked";
    }

    private String page(User me, Optional<ApiTokens.Issued> issued, Model model) {
        model.addAttribute("user", me);
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
