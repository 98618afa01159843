package io.verrou.method.totp;

import java.util.Optional;

import io.verrou.audit.ClientInfo;
import io.verrou.method.AuthMethod;
import io.verrou.method.MethodKinds;
import io.verrou.method.QrCodeImage;
import io.verrou.method.SetupPages;
import io.verrou.method.SetupStep;
import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.user.JdbcUserRepository;
import io.verrou.user.SignedInUser;
import io.verrou.user.User;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Setting up any authenticator app that shows codes (SPEC S4.2), in the wizard's app step: a QR code holding the
 * standard {@code otpauth://} URI (or the secret to type), then the code the app shows, which registers it.
 */
@Controller
class TotpSetupController {

    private final SetupPages pages;
    private final TotpMethods totp;
    private final MethodKinds kinds;
    private final JdbcUserRepository users;
    private final JdbcTenantRepository tenants;

    TotpSetupController(SetupPages pages, TotpMethods totp, MethodKinds kinds, JdbcUserRepository users,
            JdbcTenantRepository tenants) {
        this.pages = pages;
        this.totp = totp;
        this.kinds = kinds;
        this.users = users;
        this.tenants = tenants;
    }

    @GetMapping({"/register/app", "/register/app/other"})
    String app(@AuthenticationPrincipal SignedInUser signedIn, HttpSession session, Model model) {
        User user = user(signedIn);
        PendingTotp pending = pages.kept(session, PendingTotp.class).orElseGet(() -> {
            PendingTotp fresh = totp.begin();
            pages.keep(session, fresh);
            return fresh;
        });
        model.addAttribute("accountName", user.email());
        model.addAttribute("secret", totp.typedSecret(pending));
        return pages.page(user, step(), model, "method/totp/setup");
    }

    @GetMapping("/register/app/qr.png")
    ResponseEntity<byte[]> qr(@AuthenticationPrincipal SignedInUser signedIn, HttpSession session) {
        Optional<PendingTotp> pending = pages.kept(session, PendingTotp.class);
        if (pending.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        User user = user(signedIn);
        byte[] png = QrCodeImage.png(totp.uri(pending.get(), user, tenants.findById(user.tenantId()).orElseThrow())
                .toUriString());
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).cacheControl(CacheControl.noStore()).body(png);
    }

    @PostMapping("/register/app")
    String appCode(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam(defaultValue = "") String code,
            HttpSession session, HttpServletRequest request, HttpServletResponse response, Model model) {
        User user = user(signedIn);
        Optional<PendingTotp> pending = pages.kept(session, PendingTotp.class);
        if (pending.isEmpty()) {
            return "redirect:/register/app";
        }
        if (!pages.offered(user, step())) {
            return "redirect:/register/setup";
        }
        Optional<AuthMethod> added = code.isBlank() ? Optional.empty()
                : totp.complete(user, pending.get(), code, ClientInfo.from(request));
        if (added.isEmpty()) {
            model.addAttribute("error", code.isBlank() ? "code.required" : "code.wrong");
            return app(signedIn, session, model);
        }
        return pages.completed(added.get().id(), Optional.of(AppCodeProof.FACTOR), session, request, response);
    }

    /** The wizard's app step, which any authenticator app meets. */
    private SetupStep step() {
        return kinds.stepFor(TotpAppKind.KIND).orElseThrow();
    }

    private User user(SignedInUser signedIn) {
        return users.findById(signedIn.userId()).orElseThrow();
    }
}
