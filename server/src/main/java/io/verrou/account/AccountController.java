package io.verrou.account;

import io.verrou.signin.SignedInUser;
import io.verrou.user.JdbcUserRepository;
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

    AccountController(JdbcUserRepository users) {
        this.users = users;
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

    @GetMapping("/account/security-info")
    String securityInfo(@AuthenticationPrincipal SignedInUser signedIn, Model model) {
        model.addAttribute("user", users.findById(signedIn.userId()).orElseThrow());
        return "account/security-info";
    }
}
