package io.verrou.account;

import java.util.Optional;

import io.verrou.audit.AuditEvent;
import io.verrou.audit.AuditEventType;
import io.verrou.audit.AuditLog;
import io.verrou.audit.AuditResult;
import io.verrou.audit.ClientInfo;
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

/**
 * "Change password" on My account. Five wrong current passwords in one session end it, so that a session left
 * open can't be used to guess the password.
 */
@Controller
class PasswordChangeController {

    static final int MAX_WRONG_CURRENT = 5;
    private static final String WRONG = PasswordChangeController.class.getName() + ".WRONG";

    private final PasswordChanges changes;
    private final JdbcUserRepository users;
    private final AuditLog audit;

    PasswordChangeController(PasswordChanges changes, JdbcUserRepository users, AuditLog audit) {
        this.changes = changes;
        this.users = users;
        this.audit = audit;
    }

    @GetMapping("/account/password")
    String page(@AuthenticationPrincipal SignedInUser signedIn, Model model) {
        model.addAttribute("user", users.findById(signedIn.userId()).orElseThrow());
        return "account/password";
    }

    @PostMapping("/account/password")
    String change(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam(defaultValue = "") String current,
            @RequestParam(defaultValue = "") String password, @RequestParam(defaultValue = "") String confirmation,
            HttpServletRequest request, HttpSession session, Model model) {
        User user = users.findById(signedIn.userId()).orElseThrow();
        model.addAttribute("user", user);
        ClientInfo client = ClientInfo.from(request);
        if (current.isEmpty()) {
            return refused("currentError", "password.change.current.required", model);
        }
        if (!changes.isCurrent(user, current)) {
            int wrong = (session.getAttribute(WRONG) instanceof Integer n ? n : 0) + 1;
            audit.record(AuditEvent.of(AuditEventType.PASSWORD_CHANGED, AuditResult.FAILURE, user.email(), client)
                    .forUser(user.tenantId(), user.id()).because("wrong_current_password"));
            if (wrong >= MAX_WRONG_CURRENT) {
                session.invalidate();
                return "redirect:/signin?toomanypasswords";
            }
            session.setAttribute(WRONG, wrong);
            return refused("currentError", "password.change.current.wrong", model);
        }
        Optional<String> refusal = changes.change(user, password, confirmation, session.getId(), client);
        if (refusal.isPresent()) {
            return refused("error", refusal.get(), model);
        }
        session.removeAttribute(WRONG);
        return "redirect:/account?passwordchanged";
    }

    private static String refused(String field, String messageKey, Model model) {
        model.addAttribute(field, messageKey);
        return "account/password";
    }
}
