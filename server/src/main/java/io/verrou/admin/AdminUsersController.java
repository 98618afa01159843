package io.verrou.admin;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import io.verrou.admin.AdminUsers.Creation;
import io.verrou.admin.AdminUsers.Result;
import io.verrou.audit.ClientInfo;
import io.verrou.method.AuthMethods;
import io.verrou.method.MethodViews;
import io.verrou.method.tap.TemporaryAccessPasses;
import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.tenant.TenantPolicy;
import io.verrou.user.JdbcUserRepository;
import io.verrou.user.Role;
import io.verrou.user.SignedInUser;
import io.verrou.user.TemporaryPasswords;
import io.verrou.user.User;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The people of the administrator's organisation, in the admin console (SPEC S11): a searchable list, and each
 * person's page with their security info and what an administrator can do for them.
 */
@Controller
class AdminUsersController {

    private static final int MAX_QUERY = 100;
    private static final DateTimeFormatter TIMES = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final AdminUsers admin;
    private final JdbcTenantRepository tenants;
    private final JdbcUserRepository users;
    private final AuthMethods methods;
    private final MethodViews views;
    private final TemporaryAccessPasses passes;

    AdminUsersController(AdminUsers admin, JdbcTenantRepository tenants, JdbcUserRepository users, AuthMethods methods,
            MethodViews views, TemporaryAccessPasses passes) {
        this.passes = passes;
        this.admin = admin;
        this.tenants = tenants;
        this.users = users;
        this.methods = methods;
        this.views = views;
    }

    @GetMapping("/admin")
    String console() {
        return "redirect:/admin/users";
    }

    @GetMapping("/admin/users")
    String list(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam(defaultValue = "") String q, Model model) {
        User me = me(signedIn);
        String query = q.length() > MAX_QUERY ? q.substring(0, MAX_QUERY) : q;
        model.addAttribute("user", me);
        model.addAttribute("wide", true);
        model.addAttribute("q", query);
        model.addAttribute("people", admin.search(me, query));
        return "admin/users";
    }

    @GetMapping("/admin/users/new")
    String newPerson(@AuthenticationPrincipal SignedInUser signedIn, Model model) {
        return form(me(signedIn), "", "", "", Role.USER, model);
    }

    /** Creates the account and shows its temporary password, once: it is never stored in the clear. */
    @PostMapping("/admin/users")
    String create(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String localPart, @RequestParam(defaultValue = "") String domain,
            @RequestParam(defaultValue = "USER") String role, HttpServletRequest request, Model model) {
        User me = me(signedIn);
        Role chosen = "ADMIN".equals(role) ? Role.ADMIN : Role.USER;
        Creation result = admin.create(me, name, localPart, domain, chosen, ClientInfo.from(request));
        if (result instanceof Creation.Refused refused) {
            model.addAttribute("error", refused.messageKey());
            return form(me, shorten(name), shorten(localPart), domain, chosen, model);
        }
        Creation.Created created = (Creation.Created) result;
        return temporaryPassword(me, created.user(), created.temporaryPassword(), true, model);
    }

    @PostMapping("/admin/users/{id}/reset-password")
    String resetPassword(@AuthenticationPrincipal SignedInUser signedIn, @PathVariable UUID id,
            HttpServletRequest request, Model model) {
        User me = me(signedIn);
        String password = admin.resetPassword(me, id, ClientInfo.from(request))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return temporaryPassword(me, admin.find(me, id).orElseThrow(), password, false, model);
    }

    private String form(User me, String name, String localPart, String domain, Role role, Model model) {
        model.addAttribute("user", me);
        model.addAttribute("domains", tenants.domains(me.tenantId()));
        model.addAttribute("name", name);
        model.addAttribute("localPart", localPart);
        model.addAttribute("domain", domain);
        model.addAttribute("role", role.name());
        return "admin/new-user";
    }

    private static String temporaryPassword(User me, User person, String password, boolean created, Model model) {
        model.addAttribute("user", me);
        model.addAttribute("person", person);
        model.addAttribute("created", created);
        model.addAttribute("password", password);
        model.addAttribute("days", TemporaryPasswords.LIFETIME.toDays());
        return "admin/temporary-password";
    }

    private static String shorten(String typed) {
        return typed.length() > 254 ? "" : typed;
    }

    @GetMapping("/admin/users/{id}")
    String person(@AuthenticationPrincipal SignedInUser signedIn, @PathVariable UUID id, Model model) {
        User me = me(signedIn);
        User person = admin.find(me, id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("user", me);
        model.addAttribute("person", person);
        model.addAttribute("blocked", admin.mfaBlocked(person));
        admin.secondFactorLockedUntil(person).ifPresent(until -> model.addAttribute("lockedUntil", TIMES.format(until)));
        model.addAttribute("methods", views.of(methods.of(person.id())));
        model.addAttribute("itsMe", person.id().equals(me.id()));
        TenantPolicy policy = tenants.policy(me.tenantId());
        model.addAttribute("tapEnabled", passes.enabled(me.tenantId()));
        model.addAttribute("tapMinutes", policy.tapDefaultLifetime().toMinutes());
        model.addAttribute("tapMin", policy.tapMinLifetime().toMinutes());
        model.addAttribute("tapMax", policy.tapMaxLifetime().toMinutes());
        model.addAttribute("tapOneTime", policy.tapOneTime());
        passes.active(person.id()).ifPresent(p -> model.addAttribute("tapActiveUntil", TIMES.format(p.expiresAt())));
        return "admin/user";
    }

    @PostMapping("/admin/users/{id}/unblock-mfa")
    String unblockMfa(@AuthenticationPrincipal SignedInUser signedIn, @PathVariable UUID id, HttpServletRequest request) {
        return after(admin.unblockMfa(me(signedIn), id, ClientInfo.from(request)), id, "unblocked");
    }

    @PostMapping("/admin/users/{id}/clear-lockout")
    String clearLockout(@AuthenticationPrincipal SignedInUser signedIn, @PathVariable UUID id, HttpServletRequest request) {
        return after(admin.clearSecondFactorLockout(me(signedIn), id, ClientInfo.from(request)), id, "lockoutcleared");
    }

    @PostMapping("/admin/users/{id}/signout-everywhere")
    String signOutEverywhere(@AuthenticationPrincipal SignedInUser signedIn, @PathVariable UUID id,
            HttpServletRequest request) {
        return after(admin.signOutEverywhere(me(signedIn), id, ClientInfo.from(request)), id, "signedout");
    }

    @PostMapping("/admin/users/{id}/require-registration")
    String requireReRegistration(@AuthenticationPrincipal SignedInUser signedIn, @PathVariable UUID id,
            HttpServletRequest request) {
        return after(admin.requireReRegistration(me(signedIn), id, ClientInfo.from(request)), id, "reregistration");
    }

    /** Issues a Temporary Access Pass and shows it once. */
    @PostMapping("/admin/users/{id}/tap")
    String issuePass(@AuthenticationPrincipal SignedInUser signedIn, @PathVariable UUID id,
            @RequestParam(defaultValue = "0") String minutes, @RequestParam(defaultValue = "false") boolean oneTime,
            HttpServletRequest request, Model model) {
        User me = me(signedIn);
        int lifetime;
        try {
            lifetime = Integer.parseInt(minutes.strip());
        } catch (NumberFormatException e) {
            lifetime = 0;
        }
        TemporaryAccessPasses.Issue issued = admin.issuePass(me, id, Duration.ofMinutes(lifetime), oneTime,
                ClientInfo.from(request)).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (issued instanceof TemporaryAccessPasses.Issue.Refused refused) {
            model.addAttribute("tapError", refused.messageKey());
            return person(signedIn, id, model);
        }
        TemporaryAccessPasses.Issue.Issued pass = (TemporaryAccessPasses.Issue.Issued) issued;
        model.addAttribute("user", me);
        model.addAttribute("person", admin.find(me, id).orElseThrow());
        model.addAttribute("pass", pass.pass());
        model.addAttribute("expiresAt", TIMES.format(pass.expiresAt()));
        model.addAttribute("oneTime", pass.oneTime());
        return "admin/tap";
    }

    @PostMapping("/admin/users/{id}/tap/revoke")
    String revokePass(@AuthenticationPrincipal SignedInUser signedIn, @PathVariable UUID id, HttpServletRequest request) {
        return after(admin.revokePass(me(signedIn), id, ClientInfo.from(request)), id, "taprevoked");
    }

    @PostMapping("/admin/users/{id}/disable")
    String disable(@AuthenticationPrincipal SignedInUser signedIn, @PathVariable UUID id, HttpServletRequest request) {
        return after(admin.setEnabled(me(signedIn), id, false, ClientInfo.from(request)), id, "disabled");
    }

    @PostMapping("/admin/users/{id}/enable")
    String enable(@AuthenticationPrincipal SignedInUser signedIn, @PathVariable UUID id, HttpServletRequest request) {
        return after(admin.setEnabled(me(signedIn), id, true, ClientInfo.from(request)), id, "enabled");
    }

    private static String after(Result result, UUID id, String done) {
        return switch (result) {
            case DONE -> "redirect:/admin/users/" + id + "?" + done;
            case NOT_YOURSELF -> "redirect:/admin/users/" + id + "?notyourself";
            case NOT_FOUND -> throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        };
    }

    private User me(SignedInUser signedIn) {
        return users.findById(signedIn.userId()).orElseThrow();
    }
}
