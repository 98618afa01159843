package io.verrou.admin;

import java.util.Map;

import io.verrou.audit.ClientInfo;
import io.verrou.method.MethodKinds;
import io.verrou.tenant.JdbcTenantRepository;
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
 * The authentication methods policy in the admin console (SPEC S11): which methods people may use and for
 * what, what registration asks for, how long a browser may skip the second factor, and session lifetimes.
 */
@Controller
class AdminPolicyController {

    private final JdbcTenantRepository tenants;
    private final MethodKinds kinds;
    private final JdbcUserRepository users;
    private final TenantPolicies policies;

    AdminPolicyController(JdbcTenantRepository tenants, JdbcUserRepository users, TenantPolicies policies,
            MethodKinds kinds) {
        this.kinds = kinds;
        this.tenants = tenants;
        this.users = users;
        this.policies = policies;
    }

    @GetMapping("/admin/policy")
    String page(@AuthenticationPrincipal SignedInUser signedIn, Model model) {
        User me = me(signedIn);
        return page(me, PolicyForm.of(tenants.policy(me.tenantId()), tenants.methodPolicies(me.tenantId())),
                PolicyForm.noProblems(), model);
    }

    @PostMapping("/admin/policy")
    String save(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam Map<String, String> form,
            HttpServletRequest request, Model model) {
        User me = me(signedIn);
        Map<String, String> problems = PolicyForm.noProblems();
        PolicyForm policy = PolicyForm.read(form, tenants.methodPolicies(me.tenantId()), kinds, problems).checked(problems);
        if (!problems.isEmpty()) {
            model.addAttribute("typed", form);
            return page(me, policy, problems, model);
        }
        policies.save(me, policy, ClientInfo.from(request));
        return "redirect:/admin/policy?saved";
    }

    private String page(User me, PolicyForm policy, Map<String, String> problems, Model model) {
        model.addAttribute("user", me);
        model.addAttribute("policy", policy);
        model.addAttribute("requirements", kinds.requirements());
        model.addAttribute("noSignIn", kinds.all().stream().filter(k -> !k.servesSignIn()).map(k -> k.kind().id()).toList());
        model.addAttribute("noReset", kinds.all().stream().filter(k -> !k.servesReset()).map(k -> k.kind().id()).toList());
        model.addAttribute("problems", problems);
        return "admin/policy";
    }

    private User me(SignedInUser signedIn) {
        return users.findById(signedIn.userId()).orElseThrow();
    }
}
