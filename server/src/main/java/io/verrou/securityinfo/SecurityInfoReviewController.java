package io.verrou.securityinfo;

import io.verrou.audit.ClientInfo;
import io.verrou.method.AuthMethods;
import io.verrou.method.MethodViews;
import io.verrou.user.JdbcUserRepository;
import io.verrou.user.SignedInUser;
import io.verrou.user.User;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The review page of SPEC S3.5: every method, **Looks good** or **Update security info**. */
@Controller
class SecurityInfoReviewController {

    private final SecurityInfoReview review;
    private final JdbcUserRepository users;
    private final AuthMethods methods;
    private final MethodViews views;

    SecurityInfoReviewController(SecurityInfoReview review, JdbcUserRepository users, AuthMethods methods,
            MethodViews views) {
        this.review = review;
        this.users = users;
        this.methods = methods;
        this.views = views;
    }

    @GetMapping(SecurityInfoReview.PATH)
    String page(@AuthenticationPrincipal SignedInUser signedIn, HttpSession session, Model model) {
        if (!review.pending(session)) {
            return "redirect:/account";
        }
        User user = users.findById(signedIn.userId()).orElseThrow();
        model.addAttribute("tenantName", null);
        model.addAttribute("methods", views.of(methods.of(user.id())));
        return "securityinfo/review";
    }

    @PostMapping(SecurityInfoReview.PATH)
    String confirm(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam(defaultValue = "ok") String action,
            HttpServletRequest request, HttpSession session) {
        if (!review.pending(session)) {
            return "redirect:/account";
        }
        User user = users.findById(signedIn.userId()).orElseThrow();
        return "redirect:" + review.confirm(user, "update".equals(action), session, ClientInfo.from(request));
    }
}
