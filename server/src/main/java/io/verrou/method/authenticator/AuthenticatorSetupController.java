package io.verrou.method.authenticator;

import java.io.Serializable;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import io.verrou.audit.ClientInfo;
import io.verrou.challenge.WaitingBrowsers;
import io.verrou.method.AuthMethod;
import io.verrou.method.AuthMethods;
import io.verrou.method.QrCodeImage;
import io.verrou.method.SetupPages;
import io.verrou.method.authenticator.AuthenticatorActivations.Activation;
import io.verrou.method.authenticator.AuthenticatorActivations.Device;
import io.verrou.method.authenticator.PushRequests.PushRequest;
import io.verrou.method.authenticator.PushRequests.PushResult;
import io.verrou.method.authenticator.PushRequests.PushState;
import io.verrou.otp.Base32;
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
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Setting up the Verrou Authenticator (SPEC S4.1): Start by getting the app → Set up your account → Scan the
 * QR code (or type the activation code and URL) → a test request whose number the person types in the app.
 * Once approved, the app is a sign-in method: push approval and codes.
 */
@Controller
class AuthenticatorSetupController {

    private final SetupPages pages;
    private final AuthenticatorActivations activations;
    private final PushRequests pushes;
    private final AuthMethods methods;
    private final JdbcUserRepository users;
    private final WaitingBrowsers waiting;

    AuthenticatorSetupController(SetupPages pages, AuthenticatorActivations activations, PushRequests pushes,
            AuthMethods methods, JdbcUserRepository users, WaitingBrowsers waiting) {
        this.pages = pages;
        this.activations = activations;
        this.pushes = pushes;
        this.methods = methods;
        this.users = users;
        this.waiting = waiting;
    }

    @GetMapping("/register/authenticator")
    String start(@AuthenticationPrincipal SignedInUser signedIn, Model model) {
        return pages.page(user(signedIn), AuthenticatorAppKind.STEP, model, "method/authenticator/start");
    }

    @GetMapping("/register/authenticator/account")
    String account(@AuthenticationPrincipal SignedInUser signedIn, Model model) {
        return pages.page(user(signedIn), AuthenticatorAppKind.STEP, model, "method/authenticator/account");
    }

    @GetMapping("/register/authenticator/scan")
    String scan(@AuthenticationPrincipal SignedInUser signedIn, HttpSession session, HttpServletRequest request, Model model) {
        User user = user(signedIn);
        Setup setup = setup(session).filter(s -> s.pushId() == null).orElseGet(() -> {
            Activation activation = activations.begin(user);
            Setup fresh = new Setup(activation.deviceId(), activation.code(), null);
            pages.keep(session, fresh);
            return fresh;
        });
        model.addAttribute("activationCode", Base32.group(setup.code(), 4));
        model.addAttribute("serverUrl", serverUrl(request));
        return pages.page(user, AuthenticatorAppKind.STEP, model, "method/authenticator/scan");
    }

    @GetMapping("/register/authenticator/qr.png")
    ResponseEntity<byte[]> qr(HttpSession session, HttpServletRequest request) {
        Optional<Setup> setup = setup(session);
        if (setup.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        String uri = activations.activationUri(serverUrl(request),
                new Activation(setup.get().deviceId(), setup.get().code(), java.time.Instant.EPOCH));
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).cacheControl(CacheControl.noStore())
                .body(QrCodeImage.png(uri));
    }

    /** "Next" after scanning: once the app is activated, it gets a test request. */
    @PostMapping("/register/authenticator/scan")
    String scanned(@AuthenticationPrincipal SignedInUser signedIn, HttpSession session, HttpServletRequest request,
            Model model) {
        User user = user(signedIn);
        Optional<Setup> setup = setup(session);
        if (setup.isEmpty() || !pages.offered(user, AuthenticatorAppKind.STEP)) {
            return "redirect:/register/setup";
        }
        Optional<Device> device = activations.device(setup.get().deviceId()).filter(Device::activated);
        if (device.isEmpty()) {
            model.addAttribute("error", "authenticator.notactivated");
            return scan(signedIn, session, request, model);
        }
        return sendTest(user, setup.get(), session, request, model);
    }

    @GetMapping("/register/authenticator/test")
    String test(@AuthenticationPrincipal SignedInUser signedIn, HttpSession session, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        User user = user(signedIn);
        Optional<Setup> setup = setup(session).filter(s -> s.pushId() != null);
        if (setup.isEmpty()) {
            return "redirect:/register/authenticator/scan";
        }
        Optional<PushRequest> push = pushes.find(setup.get().pushId(), user.id());
        PushState state = push.map(PushRequest::state).orElse(PushState.EXPIRED);
        if (state == PushState.APPROVED) {
            Device device = activations.device(setup.get().deviceId()).orElseThrow();
            pages.forget(session, Setup.class);
            AuthMethod added = methods.add(user, device.id(), AuthenticatorAppKind.KIND, "Verrou Authenticator",
                    Optional.of(device.name()), Optional.of(device.sealedTotpSecret()), Optional.empty(),
                    OptionalLong.empty(), ClientInfo.from(request));
            return pages.completed(added.id(), Optional.of(PushProof.FACTOR), session, request, response);
        }
        if (state == PushState.PENDING) {
            model.addAttribute("number", push.get().number());
            waiting.showWaiting(model);
        } else {
            model.addAttribute("error", "mfa.push." + state.name().toLowerCase(java.util.Locale.ROOT));
        }
        return pages.page(user, AuthenticatorAppKind.STEP, model, "method/authenticator/test");
    }

    @PostMapping("/register/authenticator/test/resend")
    String resend(@AuthenticationPrincipal SignedInUser signedIn, HttpSession session, HttpServletRequest request,
            Model model) {
        Optional<Setup> setup = setup(session);
        if (setup.isEmpty()) {
            return "redirect:/register/authenticator/scan";
        }
        return sendTest(user(signedIn), setup.get(), session, request, model);
    }

    /** Where the test request stands; with {@code wait}, answered as soon as the app answers it. */
    @GetMapping("/register/authenticator/status")
    @ResponseBody
    DeferredResult<Map<String, String>> status(@AuthenticationPrincipal SignedInUser signedIn,
            @RequestParam(defaultValue = "0") int wait, HttpSession session) {
        Optional<UUID> pushId = setup(session).map(Setup::pushId).filter(java.util.Objects::nonNull);
        return waiting.status(pushId, wait,
                () -> pushes.find(pushId.get(), signedIn.userId()).map(p -> p.state().name()).orElse("EXPIRED"));
    }

    private String sendTest(User user, Setup setup, HttpSession session, HttpServletRequest request, Model model) {
        PushResult pushed = pushes.create(user, setup.deviceId(), "registration", ClientInfo.from(request));
        if (pushed instanceof PushResult.Created created) {
            pages.keep(session, new Setup(setup.deviceId(), setup.code(), created.request().id()));
            return "redirect:/register/authenticator/test";
        }
        model.addAttribute("error", ((PushResult.Refused) pushed).messageKey());
        return pages.page(user, AuthenticatorAppKind.STEP, model, "method/authenticator/test");
    }

    private static String serverUrl(HttpServletRequest request) {
        return ServletUriComponentsBuilder.fromContextPath(request).replacePath(request.getContextPath()).build().toUriString();
    }

    private Optional<Setup> setup(HttpSession session) {
        return pages.kept(session, Setup.class);
    }

    private User user(SignedInUser signedIn) {
        return users.findById(signedIn.userId()).orElseThrow();
    }

    /** The app being set up: its device id, its activation code, and the test request once sent. */
    record Setup(UUID deviceId, String code, UUID pushId) implements Serializable {
    }
}
