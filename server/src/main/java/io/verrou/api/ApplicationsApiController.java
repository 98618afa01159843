package io.verrou.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.verrou.audit.ClientInfo;
import io.verrou.oidc.App;
import io.verrou.oidc.AppRegistrations;
import io.verrou.oidc.AppRegistrations.Form;
import io.verrou.oidc.AppRegistrations.Result;
import io.verrou.user.JdbcUserRepository;
import io.verrou.user.User;

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
import org.springframework.web.bind.annotation.RestController;

/**
 * The organisation's apps (SPEC S12) in the shape of Graph's {@code applications} where it fits: {@code appId} is
 * the client id, {@code web.redirectUris} (or {@code spa.redirectUris} for a public client) the return addresses,
 * {@code addPassword} makes a new secret, returned in that answer only. On behalf of the token's creator, audited.
 */
@RestController
@RequestMapping("/api/v1/applications")
class ApplicationsApiController {

    private final AppRegistrations apps;
    private final JdbcUserRepository users;
    private final MessageSource messages;

    ApplicationsApiController(AppRegistrations apps, JdbcUserRepository users, MessageSource messages) {
        this.apps = apps;
        this.users = users;
        this.messages = messages;
    }

    /** Redirect URIs, as Graph groups them. */
    record Uris(List<String> redirectUris) {
    }

    /** What a caller sends to register an app. */
    record ApplicationRequest(String displayName, Boolean isFallbackPublicClient, Uris web, Uris spa,
            List<String> postLogoutRedirectUris, Boolean requiresMultiFactor) {
    }

    @GetMapping
    UsersApiController.Values<Map<String, Object>> list(@AuthenticationPrincipal ApiClient client) {
        return new UsersApiController.Values<>(apps.list(client.tenantId()).stream().map(ApplicationsApiController::json).toList());
    }

    @GetMapping("/{id}")
    ResponseEntity<?> one(@AuthenticationPrincipal ApiClient client, @PathVariable String id) {
        return uuid(id).flatMap(appId -> apps.find(client.tenantId(), appId))
                .<ResponseEntity<?>>map(app -> ResponseEntity.ok(json(app))).orElseGet(ApplicationsApiController::notFound);
    }

    @PostMapping
    ResponseEntity<?> register(@AuthenticationPrincipal ApiClient client, @RequestBody(required = false) ApplicationRequest body,
            HttpServletRequest request) {
        Optional<User> creator = users.findById(client.createdBy());
        if (creator.isEmpty()) {
            return notFound();
        }
        ApplicationRequest asked = body != null ? body : new ApplicationRequest(null, null, null, null, null, null);
        boolean publicClient = Boolean.TRUE.equals(asked.isFallbackPublicClient()) || asked.spa() != null;
        Uris redirects = publicClient && asked.spa() != null ? asked.spa() : asked.web();
        Form form = new Form(asked.displayName() == null ? "" : asked.displayName(), publicClient,
                lines(redirects == null ? null : redirects.redirectUris()), lines(asked.postLogoutRedirectUris()),
                Boolean.TRUE.equals(asked.requiresMultiFactor()), "");
        Result result = apps.register(creator.get(), form, ClientInfo.from(request));
        if (result instanceof Result.Refused refused) {
            return ResponseEntity.badRequest().body(Map.of("error", Map.of("code", "invalidRequest",
                    "message", messages.getMessage(refused.errorKey(), null, Locale.ENGLISH))));
        }
        Result.Registered registered = (Result.Registered) result;
        Map<String, Object> json = json(registered.app());
        registered.secret().ifPresent(secret -> json.put("passwordCredentials", List.of(Map.of("secretText", secret))));
        return ResponseEntity.status(HttpStatus.CREATED).body(json);
    }

    /** A new secret for a confidential app; the old one stops working. */
    @PostMapping("/{id}/addPassword")
    ResponseEntity<?> addPassword(@AuthenticationPrincipal ApiClient client, @PathVariable String id, HttpServletRequest request) {
        Optional<User> creator = users.findById(client.createdBy());
        Optional<UUID> appId = uuid(id);
        if (creator.isEmpty() || appId.isEmpty()) {
            return notFound();
        }
        return apps.rotateSecret(creator.get(), appId.get(), ClientInfo.from(request))
                .<ResponseEntity<?>>map(secret -> ResponseEntity.ok(Map.of("secretText", secret)))
                .orElseGet(ApplicationsApiController::notFound);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<?> delete(@AuthenticationPrincipal ApiClient client, @PathVariable String id, HttpServletRequest request) {
        Optional<User> creator = users.findById(client.createdBy());
        Optional<UUID> appId = uuid(id);
        if (creator.isEmpty() || appId.isEmpty() || !apps.delete(creator.get(), appId.get(), ClientInfo.from(request))) {
            return notFound();
        }
        return ResponseEntity.noContent().build();
    }

    private static Map<String, Object> json(App app) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", app.id().toString());
        json.put("appId", app.clientId());
        json.put("displayName", app.name());
        json.put("isFallbackPublicClient", app.publicClient());
        json.put(app.publicClient() ? "spa" : "web", Map.of("redirectUris", app.redirectUris()));
        json.put("postLogoutRedirectUris", app.postLogoutUris());
        json.put("requiresMultiFactor", app.requiresMfa());
        json.put("scopes", app.scopes());
        json.put("createdDateTime", app.createdAt().toString());
        return json;
    }

    private static String lines(List<String> values) {
        return values == null ? "" : String.join("\n", values.stream().map(v -> v == null ? "" : v).toList());
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
                .body(Map.of("error", Map.of("code", "notFound", "message", "No such application.")));
    }
}
