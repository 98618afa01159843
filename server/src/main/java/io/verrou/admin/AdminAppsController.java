package io.verrou.admin;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.UUID;

import io.verrou.audit.AuditEvent;
import io.verrou.audit.AuditEventType;
import io.verrou.audit.AuditLog;
import io.verrou.audit.AuditResult;
import io.verrou.audit.ClientInfo;
import io.verrou.oidc.App;
import io.verrou.oidc.AppRegistrations.Form;
import io.verrou.oidc.AppRegistrations.Result;
import io.verrou.oidc.AppRegistrations;
import io.verrou.oidc.Issuers;
import io.verrou.oidc.SigningKeys;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The console's Apps (SPEC S12): register an app, see its client id (and its secret, once), change its return
 * addresses, make a new secret, remove it; and the organisation's issuer, with the keys that sign its tokens.
 */
@Controller
class AdminAppsController {

    private static final DateTimeFormatter TIMES = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private final AppRegistrations apps;
    private final Issuers issuers;
    private final SigningKeys keys;
    private final JdbcUserRepository users;
    private final AuditLog audit;

    AdminAppsController(AppRegistrations apps, Issuers issuers, SigningKeys keys, JdbcUserRepository users, AuditLog audit) {
        this.apps = apps;
        this.issuers = issuers;
        this.keys = keys;
        this.users = users;
        this.audit = audit;
    }

    @GetMapping("/admin/apps")
    String list(@AuthenticationPrincipal SignedInUser signedIn, Model model) {
        User me = me(signedIn);
        model.addAttribute("user", me);
        model.addAttribute("apps", apps.list(me.tenantId()));
        model.addAttribute("issuer", issuer(me));
        model.addAttribute("keys", keys.keys());
        model.addAttribute("times", TIMES);
        return "admin/apps";
    }

    @GetMapping("/admin/apps/new")
    String form(@AuthenticationPrincipal SignedInUser signedIn, Model model) {
        model.addAttribute("user", me(signedIn));
        model.addAttribute("form", new Form("", false, "", "", false, ""));
        return "admin/app-new";
    }

    @PostMapping("/admin/apps")
    String register(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "confidential") String type, @RequestParam(defaultValue = "") String redirectUris,
            @RequestParam(defaultValue = "") String postLogoutUris, @RequestParam(defaultValue = "false") boolean requiresMfa,
            @RequestParam(defaultValue = "") String backchannelLogoutUri, @RequestParam(defaultValue = "") String accessMinutes,
            @RequestParam(defaultValue = "") String refreshDays, HttpServletRequest request, Model model) {
        User me = me(signedIn);
        Form form = new Form(name, "public".equals(type), redirectUris, postLogoutUris, requiresMfa, backchannelLogoutUri,
                minutes(accessMinutes, AppRegistrations.ACCESS_TOKEN_LIFETIME), days(refreshDays, AppRegistrations.REFRESH_TOKEN_LIFETIME));
        Result result = apps.register(me, form, ClientInfo.from(request));
        model.addAttribute("user", me);
        if (result instanceof Result.Registered registered) {
            registered.secret().ifPresent(secret -> model.addAttribute("secret", secret));
            model.addAttribute("created", true);
            return page(me, registered.app(), model);
        }
        model.addAttribute("form", keepable(form));
        model.addAttribute("error", ((Result.Refused) result).errorKey());
        return "admin/app-new";
    }

    @GetMapping("/admin/apps/{id}")
    String app(@AuthenticationPrincipal SignedInUser signedIn, @PathVariable UUID id, Model model) {
        User me = me(signedIn);
        Optional<App> app = apps.find(me.tenantId(), id);
        if (app.isEmpty()) {
            return "redirect:/admin/apps";
        }
        model.addAttribute("user", me);
        return page(me, app.get(), model);
    }

    @PostMapping("/admin/apps/{id}")
    String update(@AuthenticationPrincipal SignedInUser signedIn, @PathVariable UUID id,
            @RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String redirectUris,
            @RequestParam(defaultValue = "") String postLogoutUris, @RequestParam(defaultValue = "false") boolean requiresMfa,
            @RequestParam(defaultValue = "") String backchannelLogoutUri, @RequestParam(defaultValue = "") String accessMinutes,
            @RequestParam(defaultValue = "") String refreshDays, HttpServletRequest request, Model model) {
        User me = me(signedIn);
        Optional<App> existing = apps.find(me.tenantId(), id);
        if (existing.isEmpty()) {
            return "redirect:/admin/apps";
        }
        Result result = apps.update(me, id, new Form(name, existing.get().publicClient(), redirectUris, postLogoutUris,
                requiresMfa, backchannelLogoutUri, minutes(accessMinutes, existing.get().accessTokenLifetime()),
                days(refreshDays, existing.get().refreshTokenLifetime())), ClientInfo.from(request));
        if (result instanceof Result.Refused refused) {
            model.addAttribute("user", me);
            model.addAttribute("error", refused.errorKey());
            return page(me, existing.get(), model);
        }
        return "redirect:/admin/apps/" + id + "?saved";
    }

    @PostMapping("/admin/apps/{id}/secret")
    String rotateSecret(@AuthenticationPrincipal SignedInUser signedIn, @PathVariable UUID id, HttpServletRequest request,
            Model model) {
        User me = me(signedIn);
        Optional<String> secret = apps.rotateSecret(me, id, ClientInfo.from(request));
        Optional<App> app = apps.find(me.tenantId(), id);
        if (secret.isEmpty() || app.isEmpty()) {
            return "redirect:/admin/apps";
        }
        model.addAttribute("user", me);
        model.addAttribute("secret", secret.get());
        return page(me, app.get(), model);
    }

    @PostMapping("/admin/apps/{id}/delete")
    String delete(@AuthenticationPrincipal SignedInUser signedIn, @PathVariable UUID id, HttpServletRequest request) {
        apps.delete(me(signedIn), id, ClientInfo.from(request));
        return "redirect:/admin/apps?deleted";
    }

    @PostMapping("/admin/apps/keys/rotate")
    String rotateKeys(@AuthenticationPrincipal SignedInUser signedIn, HttpServletRequest request) {
        User me = me(signedIn);
        keys.rotate();
        audit.record(AuditEvent.of(AuditEventType.ADMIN_ACTION, AuditResult.SUCCESS, me.email(), ClientInfo.from(request))
                .forUser(me.tenantId(), me.id()).because("signing-keys.rotate"));
        return "redirect:/admin/apps?rotated";
    }

    private String page(User me, App app, Model model) {
        model.addAttribute("app", app);
        model.addAttribute("issuer", issuer(me));
        model.addAttribute("times", TIMES);
        return "admin/app";
    }

    private String issuer(User me) {
        return issuers.issuer(me.tenantId(), ServletUriComponentsBuilder.fromCurrentContextPath().toUriString()).orElse("");
    }

    /** What is shown back after a refusal: nothing longer than the fields take. */
    private static Form keepable(Form form) {
        return new Form(form.name().length() > 200 ? "" : form.name(), form.publicClient(),
                form.redirectUris().length() > 11_000 ? "" : form.redirectUris(),
                form.postLogoutUris().length() > 11_000 ? "" : form.postLogoutUris(), form.requiresMfa(),
                form.backchannelLogoutUri().length() > 1000 ? "" : form.backchannelLogoutUri(),
                form.accessTokenLifetime(), form.refreshTokenLifetime());
    }

    /** A whole number typed in a field, as a duration; what it was when left empty; a refused zero when not a number. */
    private static Duration minutes(String typed, Duration unchanged) {
        return typed.isBlank() ? unchanged : Duration.ofMinutes(number(typed));
    }

    private static Duration days(String typed, Duration unchanged) {
        return typed.isBlank() ? unchanged : Duration.ofDays(number(typed));
    }

    private static long number(String typed) {
        try {
            return typed.strip().length() > 6 ? 0 : Long.parseLong(typed.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private User me(SignedInUser signedIn) {
        return users.findById(signedIn.userId()).orElseThrow();
    }
}
