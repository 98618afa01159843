package io.verrou.method.recovery;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import io.verrou.audit.ClientInfo;
import io.verrou.method.AuthMethod;
import io.verrou.method.AuthMethods;
import io.verrou.method.SetupPages;
import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.user.JdbcUserRepository;
import io.verrou.user.SignedInUser;
import io.verrou.user.User;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * Setting up recovery codes, and making a new set ("Change" on Security info): the ten codes shown once, with
 * Download and Print; they work from the moment the person says they have saved them, and the old set stops then.
 */
@Controller
class RecoveryCodesSetupController {

    /** The step's path ({@link RecoveryCodesKind#STEP}). */
    static final String PATH = "/register/recovery-codes";

    private final SetupPages pages;
    private final RecoveryCodes codes;
    private final AuthMethods methods;
    private final JdbcUserRepository users;
    private final JdbcTenantRepository tenants;

    RecoveryCodesSetupController(SetupPages pages, RecoveryCodes codes, AuthMethods methods, JdbcUserRepository users,
            JdbcTenantRepository tenants) {
        this.pages = pages;
        this.codes = codes;
        this.methods = methods;
        this.users = users;
        this.tenants = tenants;
    }

    /** The set being shown, until the person has saved it. */
    record Shown(List<String> codes) implements Serializable {

        Shown {
            codes = List.copyOf(codes);
        }
    }

    @GetMapping(PATH)
    String show(@AuthenticationPrincipal SignedInUser signedIn, HttpSession session, Model model) {
        User user = user(signedIn);
        if (!allowed(user, session)) {
            return "redirect:/register/setup";
        }
        Shown shown = pages.kept(session, Shown.class).orElseGet(() -> {
            Shown fresh = new Shown(codes.generate());
            pages.keep(session, fresh);
            return fresh;
        });
        model.addAttribute("codes", shown.codes());
        model.addAttribute("replacing", pages.replacing(session).isPresent());
        return pages.page(user, RecoveryCodesKind.STEP, model, "method/recovery/setup");
    }

    /** The codes as a text file, to keep with one's papers or in a password manager. */
    @GetMapping(PATH + "/download")
    ResponseEntity<String> download(@AuthenticationPrincipal SignedInUser signedIn, HttpSession session) {
        User user = user(signedIn);
        Optional<Shown> shown = pages.kept(session, Shown.class);
        if (shown.isEmpty() || !allowed(user, session)) {
            return ResponseEntity.notFound().build();
        }
        String organisation = tenants.findById(user.tenantId()).map(t -> t.name()).orElse("");
        String text = "Verrou recovery codes — " + organisation + " — " + user.email() + "\n\n"
                + String.join("\n", shown.get().codes()) + "\n\nEach code works once.\n";
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("verrou-recovery-codes.txt", StandardCharsets.UTF_8).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
                .body(text);
    }

    @PostMapping(PATH)
    String saved(@AuthenticationPrincipal SignedInUser signedIn, HttpSession session, HttpServletRequest request,
            HttpServletResponse response) {
        User user = user(signedIn);
        Optional<Shown> shown = pages.kept(session, Shown.class);
        if (shown.isEmpty() || !allowed(user, session)) {
            return "redirect:" + PATH;
        }
        ClientInfo client = ClientInfo.from(request);
        Optional<UUID> replacing = pages.replacing(session).filter(id -> ownRecoveryCodes(user, id));
        UUID methodId;
        if (replacing.isPresent()) {
            methodId = replacing.get();
            codes.replace(methodId, shown.get().codes());
            methods.change(user, methodId, Integer.toString(RecoveryCodes.COUNT), Optional.empty(), client);
        } else {
            AuthMethod added = methods.add(user, UUID.randomUUID(), RecoveryCodesKind.KIND, "Recovery codes",
                    Optional.of(Integer.toString(RecoveryCodes.COUNT)), Optional.empty(), Optional.empty(),
                    OptionalLong.empty(), client);
            codes.replace(added.id(), shown.get().codes());
            methodId = added.id();
        }
        pages.forget(session, Shown.class);
        // Saving codes proves nothing: no factor is added to the session.
        return pages.completed(methodId, Optional.empty(), session, request, response);
    }

    private boolean allowed(User user, HttpSession session) {
        return pages.replacing(session).filter(id -> ownRecoveryCodes(user, id)).isPresent()
                || pages.offered(user, RecoveryCodesKind.STEP);
    }

    private boolean ownRecoveryCodes(User user, UUID methodId) {
        return methods.of(user.id()).stream()
                .anyMatch(m -> m.id().equals(methodId) && m.kind().equals(RecoveryCodesKind.KIND));
    }

    private User user(SignedInUser signedIn) {
        return users.findById(signedIn.userId()).orElseThrow();
    }
}
