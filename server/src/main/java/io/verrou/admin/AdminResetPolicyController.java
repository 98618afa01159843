package io.verrou.admin;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.verrou.audit.ClientInfo;
import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.tenant.TenantPolicy;
import io.verrou.user.JdbcUserRepository;
import io.verrou.user.SignedInUser;
import io.verrou.user.User;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The password reset part of the organisation's policy, in the admin console (SPEC S9, S11): whether people
 * may reset their own password, with one or two methods, and the organisation's banned terms, which no new
 * password may contain.
 */
@Controller
class AdminResetPolicyController {

    private final JdbcTenantRepository tenants;
    private final JdbcUserRepository users;
    private final TenantPolicies policies;

    AdminResetPolicyController(JdbcTenantRepository tenants, JdbcUserRepository users, TenantPolicies policies) {
        this.tenants = tenants;
        this.users = users;
        this.policies = policies;
    }

    @GetMapping("/admin/password-reset")
    String page(@AuthenticationPrincipal SignedInUser signedIn, Model model) {
        User me = me(signedIn);
        TenantPolicy policy = tenants.policy(me.tenantId());
        return page(me, policy.resetEnabled(), policy.resetMethodsRequired(),
                String.join("\n", tenants.bannedTerms(me.tenantId())), model);
    }

    @PostMapping("/admin/password-reset")
    String save(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam(defaultValue = "false") boolean enabled,
            @RequestParam(defaultValue = "1") String methods, @RequestParam(defaultValue = "") String terms,
            HttpServletRequest request, Model model) {
        User me = me(signedIn);
        int required = "2".equals(methods) ? 2 : 1;
        List<String> list = Arrays.stream(terms.split("\\R")).map(String::strip).filter(t -> !t.isEmpty()).toList();
        Optional<String> wrong = list.stream()
                .filter(t -> t.codePointCount(0, t.length()) < JdbcTenantRepository.MIN_BANNED_TERM
                        || t.codePointCount(0, t.length()) > JdbcTenantRepository.MAX_BANNED_TERM)
                .findFirst();
        if (wrong.isPresent() || list.size() > JdbcTenantRepository.MAX_BANNED_TERMS) {
            model.addAttribute("error", wrong.isPresent() ? "admin.reset.terms.length" : "admin.reset.terms.many");
            model.addAttribute("errorArgument", wrong.map(t -> t.length() > 40 ? t.substring(0, 40) + "…" : t).orElse(""));
            return page(me, enabled, required, terms.length() > 64_000 ? "" : terms, model);
        }
        policies.saveReset(me, enabled, required, list, ClientInfo.from(request));
        return "redirect:/admin/password-reset?saved";
    }

    private static String page(User me, boolean enabled, int methods, String terms, Model model) {
        model.addAttribute("user", me);
        model.addAttribute("enabled", enabled);
        model.addAttribute("methods", methods);
        model.addAttribute("terms", terms);
        return "admin/password-reset";
    }

    private User me(SignedInUser signedIn) {
        return users.findById(signedIn.userId()).orElseThrow();
    }
}
