package io.verrou.passwordreset;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Where "Can't access your account?" and "Forgot my password" lead. Until self-service reset is built,
 * the page tells people who can help them.
 */
@Controller
class PasswordResetController {

    @GetMapping("/passwordreset")
    String start() {
        return "passwordreset/unavailable";
    }
}
