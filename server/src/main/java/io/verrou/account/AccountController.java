package io.verrou.account;

import io.verrou.method.AuthMethods;
import io.verrou.method.MethodViews;
import io.verrou.user.JdbcUserRepository;
import io.verrou.user.SignedInUser;
import io.verrou.user.User;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * My account: who is signed in, and the way to their security info.
 */
@Controller
class AccountController {

    private final JdbcUserRepository users;
    private final AuthMethods methods;
    private final MethodViews views;

    AccountController(JdbcUserRepository users, AuthMethods methods, MethodViews views) {
        this.users = users;
        this.methods = methods;
        this.views = views;
    }

    @GetMapping("/")
    String home() {
        return "redirect:/account";
    }

    @GetMapping("/account")
    String account(@AuthenticationPrincipal SignedInUser signedIn, Model model) {
        User user = users.findById(signedIn.userId()).orElseThrow();
        model.addAttribute("user", user);
        return "account/index";
    }
}
