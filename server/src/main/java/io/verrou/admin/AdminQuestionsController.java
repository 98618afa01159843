package io.verrou.admin;

import io.verrou.audit.ClientInfo;
import io.verrou.method.questions.JdbcCustomQuestionRepository;
import io.verrou.method.questions.JdbcCustomQuestionRepository.AddResult;
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
 * Security questions in the admin console (SPEC S9, S11): how many people register and answer at reset, and
 * the organisation's own questions (up to 20, shown as written, in every language).
 */
@Controller
class AdminQuestionsController {

    private final JdbcTenantRepository tenants;
    private final JdbcCustomQuestionRepository customQuestions;
    private final JdbcUserRepository users;
    private final TenantPolicies policies;

    AdminQuestionsController(JdbcTenantRepository tenants, JdbcCustomQuestionRepository customQuestions,
            JdbcUserRepository users, TenantPolicies policies) {
        this.tenants = tenants;
        this.customQuestions = customQuestions;
        this.users = users;
        this.policies = policies;
    }

    @GetMapping("/admin/questions")
    String page(@AuthenticationPrincipal SignedInUser signedIn, Model model) {
        User me = me(signedIn);
        TenantPolicy policy = tenants.policy(me.tenantId());
        return page(me, policy.questionsToRegister(), policy.questionsToReset(), "", model);
    }

    @PostMapping("/admin/questions/counts")
    String counts(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam(defaultValue = "0") String register,
            @RequestParam(defaultValue = "0") String reset, HttpServletRequest request, Model model) {
        User me = me(signedIn);
        int toRegister = parse(register);
        int toReset = parse(reset);
        if (toRegister < 3 || toRegister > 5 || toReset < 3 || toReset > toRegister) {
            model.addAttribute("countsError", "admin.questions.counts.error");
            return page(me, toRegister, toReset, "", model);
        }
        policies.saveQuestionCounts(me, toRegister, toReset, ClientInfo.from(request));
        return "redirect:/admin/questions?saved";
    }

    @PostMapping("/admin/questions/custom")
    String add(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam(defaultValue = "") String text,
            HttpServletRequest request, Model model) {
        User me = me(signedIn);
        AddResult added = policies.addQuestion(me, text, ClientInfo.from(request));
        if (added instanceof AddResult.Refused refused) {
            TenantPolicy policy = tenants.policy(me.tenantId());
            model.addAttribute("questionError", refused.messageKey());
            return page(me, policy.questionsToRegister(), policy.questionsToReset(), text.length() > 400 ? "" : text, model);
        }
        return "redirect:/admin/questions?added";
    }

    private String page(User me, int toRegister, int toReset, String text, Model model) {
        model.addAttribute("user", me);
        model.addAttribute("register", toRegister);
        model.addAttribute("reset", toReset);
        model.addAttribute("text", text);
        model.addAttribute("custom", customQuestions.list(me.tenantId()));
        return "admin/questions";
    }

    private static int parse(String typed) {
        try {
            return Integer.parseInt(typed.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private User me(SignedInUser signedIn) {
        return users.findById(signedIn.userId()).orElseThrow();
    }
}
