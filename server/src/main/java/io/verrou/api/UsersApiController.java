package io.verrou.api;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.verrou.audit.AuditEvent;
import io.verrou.audit.AuditEventType;
import io.verrou.audit.AuditLog;
import io.verrou.audit.AuditResult;
import io.verrou.audit.ClientInfo;
import io.verrou.method.AuthMethods;
import io.verrou.method.MethodKind;
import io.verrou.method.MethodKinds;
import io.verrou.method.tap.TemporaryAccessPasses;
import io.verrou.registration.RegistrationReport;
import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.tenant.TenantPolicy;
import io.verrou.user.JdbcUserRepository;
import io.verrou.user.User;
import io.verrou.user.UserState;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin REST API (SPEC S11; docs/admin-api.md): an organisation's people, their authentication methods, and
 * who has registered what, in the shape of Microsoft Graph's authentication-methods API. A token sees its own
 * organisation only; anyone else is "not found".
 */
@RestController
@RequestMapping("/api/v1")
class UsersApiController {

    private static final int MAX_USERS = 1000;

    private final JdbcUserRepository users;
    private final AuthMethods methods;
    private final MethodKinds kinds;
    private final RegistrationReport report;
    private final AuditLog audit;
    private final TemporaryAccessPasses passes;
    private final JdbcTenantRepository tenants;
    private final MessageSource messages;

    UsersApiController(JdbcUserRepository users, AuthMethods methods, MethodKinds kinds, RegistrationReport report,
            AuditLog audit, TemporaryAccessPasses passes, JdbcTenantRepository tenants, MessageSource messages) {
        this.kinds = kinds;
        this.passes = passes;
        this.tenants = tenants;
        this.messages = messages;
        this.users = users;
        this.methods = methods;
        this.report = report;
        this.audit = audit;
    }

    /** A person, as Graph names the fields. */
    record UserJson(String id, String displayName, String userPrincipalName, boolean accountEnabled, String role) {
        static UserJson of(User user) {
            return new UserJson(user.id().toString(), user.displayName(), user.email(), user.state() == UserState.ENABLED,
                    user.role().name().toLowerCase(Locale.ROOT));
        }
    }

    /** A list, in Graph's envelope. */
    record Values<T>(List<T> value) {
    }

    @GetMapping("/users")
    Values<UserJson> users(@AuthenticationPrincipal ApiClient client, @RequestParam(defaultValue = "") String search) {
        String query = search.length() > 100 ? search.substring(0, 100) : search;
        return new Values<>(users.search(client.tenantId(), query, MAX_USERS).stream().map(UserJson::of).toList());
    }

    @GetMapping("/users/{id}")
    ResponseEntity<?> user(@AuthenticationPrincipal ApiClient client, @PathVariable String id) {
        return find(client, id).<ResponseEntity<?>>map(u -> ResponseEntity.ok(UserJson.of(u))).orElseGet(UsersApiController::notFound);
    }

    @GetMapping("/users/{id}/authentication/methods")
    ResponseEntity<?> methods(@AuthenticationPrincipal ApiClient client, @PathVariable String id) {
        return find(client, id).<ResponseEntity<?>>map(u -> ResponseEntity.ok(new Values<>(
                methods.of(u.id()).stream().map(kinds::api).toList())))
                .orElseGet(UsersApiController::notFound);
    }

    /** Deletes one of the person's methods; they are told by email, as when they delete it themselves. */
    @DeleteMapping("/users/{id}/authentication/methods/{methodId}")
    ResponseEntity<?> deleteMethod(@AuthenticationPrincipal ApiClient client, @PathVariable String id,
            @PathVariable String methodId, HttpServletRequest request) {
        Optional<User> user = find(client, id);
        Optional<UUID> method = uuid(methodId);
        if (user.isEmpty() || method.isEmpty() || methods.delete(user.get(), method.get(), ClientInfo.from(request)).isEmpty()) {
            return notFound();
        }
        audit.record(AuditEvent.of(AuditEventType.ADMIN_ACTION, AuditResult.SUCCESS, client.getName(), ClientInfo.from(request))
                .forUser(user.get().tenantId(), user.get().id()).because("api_method_deleted").withDetail(methodId));
        return ResponseEntity.noContent().build();
    }

    /** What a caller asks for a new pass, in Graph's names. */
    record PassRequest(Integer lifetimeInMinutes, Boolean isUsableOnce) {
    }

    /**
     * Issues a Temporary Access Pass for the person (SPEC S11), within the organisation's lifetimes; the pass is in
     * this answer only. On behalf of the token's creator, who can't issue one to themself.
     */
    @PostMapping("/users/{id}/authentication/temporaryAccessPassMethods")
    ResponseEntity<?> issuePass(@AuthenticationPrincipal ApiClient client, @PathVariable String id,
            @RequestBody(required = false) PassRequest body, HttpServletRequest request) {
        Optional<User> user = find(client, id);
        Optional<User> creator = users.findById(client.createdBy());
        if (user.isEmpty() || creator.isEmpty()) {
            return notFound();
        }
        TenantPolicy policy = tenants.policy(client.tenantId());
        Duration lifetime = body != null && body.lifetimeInMinutes() != null
                ? Duration.ofMinutes(Math.max(0, Math.min(body.lifetimeInMinutes(), 100_000))) : policy.tapDefaultLifetime();
        boolean once = body != null && body.isUsableOnce() != null ? body.isUsableOnce() : policy.tapOneTime();
        ClientInfo from = ClientInfo.from(request);
        TemporaryAccessPasses.Issue issued = passes.issue(creator.get(), user.get(), lifetime, once, from);
        if (issued instanceof TemporaryAccessPasses.Issue.Refused refused) {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", Map.of("code", "notAllowed",
                    "message", messages.getMessage(refused.messageKey(), null, Locale.ENGLISH))));
        }
        TemporaryAccessPasses.Issue.Issued pass = (TemporaryAccessPasses.Issue.Issued) issued;
        audit.record(AuditEvent.of(AuditEventType.ADMIN_ACTION, AuditResult.SUCCESS, client.getName(), from)
                .forUser(user.get().tenantId(), user.get().id()).because("api_tap_issued"));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("@odata.type", "#microsoft.graph.temporaryAccessPassAuthenticationMethod");
        json.put("id", user.get().id().toString());
        json.put("temporaryAccessPass", pass.pass());
        json.put("lifetimeInMinutes", lifetime.toMinutes());
        json.put("isUsableOnce", pass.oneTime());
        json.put("methodUsabilityReason", "EnabledByPolicy");
        json.put("expiresDateTime", pass.expiresAt().toString());
        return ResponseEntity.status(HttpStatus.CREATED).body(json);
    }

    /** Revokes the person's pass, if they have one. */
    @DeleteMapping("/users/{id}/authentication/temporaryAccessPassMethods/{passId}")
    ResponseEntity<?> revokePass(@AuthenticationPrincipal ApiClient client, @PathVariable String id,
            @PathVariable String passId, HttpServletRequest request) {
        Optional<User> user = find(client, id);
        if (user.isEmpty() || !user.get().id().toString().equals(passId) || passes.active(user.get().id()).isEmpty()) {
            return notFound();
        }
        passes.revoke(user.get().id());
        audit.record(AuditEvent.of(AuditEventType.ADMIN_ACTION, AuditResult.SUCCESS, client.getName(), ClientInfo.from(request))
                .forUser(user.get().tenantId(), user.get().id()).because("api_tap_revoked"));
        return ResponseEntity.noContent().build();
    }

    /** Who can prove a second factor and who can reset, per person, as Graph's userRegistrationDetails. */
    @GetMapping("/reports/authenticationMethods/userRegistrationDetails")
    Values<Map<String, Object>> registrationDetails(@AuthenticationPrincipal ApiClient client) {
        return new Values<>(report.rows(client.tenantId(), "", RegistrationReport.Filter.ALL).stream()
                .map(row -> Map.<String, Object>of(
                        "id", row.user().id().toString(),
                        "userPrincipalName", row.user().email(),
                        "userDisplayName", row.user().displayName(),
                        "isAdmin", row.user().role().name().equals("ADMIN"),
                        "isMfaCapable", row.mfaCapable(),
                        "isSsprCapable", row.resetCapable(),
                        "methodsRegistered", row.kinds().stream().map(MethodKind::id).toList(),
                        "defaultMfaMethod", row.defaultKind().map(MethodKind::id).orElse("none"),
                        "lastUpdatedDateTime", row.lastRegistered().map(Instant::toString).orElse("")))
                .toList());
    }

    private Optional<User> find(ApiClient client, String id) {
        return uuid(id).flatMap(users::findById).filter(u -> u.tenantId().equals(client.tenantId()));
    }

    private static Optional<UUID> uuid(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static ResponseEntity<?> notFound() {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(Map.of("error", Map.of("code", "notFound", "message", "No such user or method in your organisation.")));
    }
}
