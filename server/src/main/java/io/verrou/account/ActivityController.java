package io.verrou.account;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.verrou.audit.AuditEntry;
import io.verrou.audit.AuditEvent;
import io.verrou.audit.AuditEventType;
import io.verrou.audit.AuditLog;
import io.verrou.audit.AuditResult;
import io.verrou.audit.ClientInfo;
import io.verrou.audit.JdbcAuditLog;
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

/**
 * Recent activity (SPEC S6): the person's own sign-ins, security-info changes and password resets (with each
 * attempt to prove who they are for one), newest first, each with
 * "This wasn't me", which is recorded for the administrators and leads to "sign out everywhere".
 */
@Controller
class ActivityController {

    static final Set<AuditEventType> SHOWN = Set.of(AuditEventType.SIGN_IN, AuditEventType.APP_SIGN_IN, AuditEventType.ACCOUNT_LOCKED,
            AuditEventType.METHOD_ADDED, AuditEventType.METHOD_CHANGED, AuditEventType.METHOD_DELETED, AuditEventType.DEFAULT_CHANGED,
            AuditEventType.SIGNED_OUT_EVERYWHERE, AuditEventType.FRAUD_REPORTED,
            AuditEventType.PASSWORD_RESET_VERIFICATION, AuditEventType.PASSWORD_RESET,
            AuditEventType.PASSWORD_CHANGED, AuditEventType.ADMIN_ACTION);
    private static final int SHOWN_ENTRIES = 50;

    private final JdbcAuditLog log;
    private final AuditLog audit;
    private final JdbcUserRepository users;

    ActivityController(JdbcAuditLog log, AuditLog audit, JdbcUserRepository users) {
        this.log = log;
        this.audit = audit;
        this.users = users;
    }

    @GetMapping("/account/activity")
    String activity(@AuthenticationPrincipal SignedInUser signedIn, Model model) {
        User user = users.findById(signedIn.userId()).orElseThrow();
        model.addAttribute("user", user);
        model.addAttribute("entries", entries(user));
        return "account/activity";
    }

    @PostMapping("/account/activity/{id}/report")
    String report(@AuthenticationPrincipal SignedInUser signedIn, @PathVariable long id, HttpServletRequest request,
            Model model) {
        User user = users.findById(signedIn.userId()).orElseThrow();
        Optional<AuditEntry> entry = entries(user).stream().filter(e -> e.id() == id).findFirst();
        if (entry.isEmpty()) {
            return "redirect:/account/activity";
        }
        audit.record(AuditEvent.of(AuditEventType.ACTIVITY_REPORTED, AuditResult.SUCCESS, user.email(),
                ClientInfo.from(request)).forUser(user.tenantId(), user.id())
                .withDetail("entry " + id + ": " + entry.get().event().type().name()));
        model.addAttribute("user", user);
        return "account/reported";
    }

    private List<AuditEntry> entries(User user) {
        return log.forUser(user.id(), SHOWN_ENTRIES * 4).stream()
                .filter(e -> SHOWN.contains(e.event().type()))
                .limit(SHOWN_ENTRIES)
                .toList();
    }
}
