package io.verrou.method;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Serializable;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.verrou.MutableClock;
import io.verrou.Page;
import io.verrou.TestAccounts;
import io.verrou.TestBrowser;
import io.verrou.TestRegistrations;
import io.verrou.TestRegistrations.Registered;
import io.verrou.VerrouTest;
import io.verrou.audit.ClientInfo;
import io.verrou.challenge.SecondFactorLockout.Verdict;
import io.verrou.passwordreset.ResetPortal;
import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.tenant.Tenant;
import io.verrou.user.JdbcUserRepository;
import io.verrou.user.Role;
import io.verrou.user.SignedInUser;
import io.verrou.user.User;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Controller;
import org.springframework.test.context.TestPropertySource;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * A method kind is a plug-in: one made here, in the tests alone — a code printed on paper — with no line of the
 * product changed, appears wherever a kind of the product does (the policy, the wizard's picker and stepper, Security
 * info, "Sign in another way", the reset portal, the registration report, the admin API) and signs a person in.
 */
@VerrouTest
@Import({PrintedCodeKindTests.PrintedCodeKind.class, PrintedCodeKindTests.PrintedCodeProof.class,
        PrintedCodeKindTests.PrintedCodeSetup.class})
@TestPropertySource(properties = "spring.messages.basename=messages,delivery-messages,questions-messages,printed-code-messages")
class PrintedCodeKindTests {

    static final MethodKind KIND = MethodKind.of("printed_code");
    static final SetupStep STEP = new SetupStep("PRINTED", "printed_code", "/register/printed", 1);
    static final String FACTOR = "FACTOR_PRINTED_CODE";
    private static final Pattern CODE = Pattern.compile("id=\"printed-code\">(\\d{8})<");
    private static final Pattern TOKEN = Pattern.compile("id=\"api-token\">(vrt_[A-Za-z0-9_-]{43})<");

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;
    @Autowired
    JdbcTenantRepository tenants;
    @Autowired
    AuthMethods methods;
    @Autowired
    MutableClock clock;

    TestRegistrations registrations;
    Tenant fabrikam;

    @BeforeEach
    void fabrikam() {
        registrations = new TestRegistrations(port, clock);
        fabrikam = accounts.newTenantNamed("Fabrikam");
    }

    @Test
    void theWizardAsksForItWithItsOwnScreenAndItsNameInTheStepperAndThePicker() {
        tenants.updateRequirements(fabrikam.id(), List.of("printed_code"), 1);
        User dana = accounts.newUser(fabrikam, "dana", Role.USER);
        TestBrowser browser = new TestBrowser(port);
        browser.follow(browser.signIn(dana.email(), TestAccounts.PASSWORD));
        browser.follow(browser.post("/register/start"));

        Page choose = browser.get("/register/choose");
        assertThat(choose.body()).contains("A code printed on paper", "value=\"PRINTED\"", "value=\"APP\"");
        Page printed = browser.get("/register/setup");
        assertThat(printed.location()).endsWith("/register/printed");
        assertThat(browser.follow(printed).body()).contains("Method 1 of 1: Printed code", "Print this code");
        Page success = browser.follow(browser.post("/register/printed"));
        assertThat(success.h1()).isEqualTo("Success!");
        assertThat(success.body()).contains("Printed code");
        assertThat(methods.of(dana.id())).extracting(AuthMethod::kind).containsExactly(KIND);
    }

    @Test
    void itSignsAPersonInAndSecurityInfoListsItMakesItTheDefaultAndDeletesIt() {
        Registered erin = registrations.register(accounts.newUser(fabrikam, "erin", Role.USER));
        TestBrowser browser = registrations.signedIn(erin);
        Page setup = browser.follow(browser.post("/account/security-info/add", "step", "PRINTED"));
        String code = printedCode(setup);
        assertThat(browser.post("/register/printed").location()).endsWith("/account/security-info?added");
        assertThat(browser.get("/account/security-info").body()).contains("Printed code");
        String printed = methods.of(erin.user().id()).stream().filter(m -> m.kind() == KIND).findFirst().orElseThrow()
                .id().toString();
        assertThat(browser.get("/account/security-info/default").body()).contains("value=\"" + printed + ":printed\"");
        assertThat(browser.post("/account/security-info/default", "option", printed + ":printed").location())
                .endsWith("?changed");
        browser.post("/signout");

        TestBrowser next = new TestBrowser(port);
        next.follow(next.signIn(erin.user().email(), TestAccounts.PASSWORD));
        Page verify = next.get("/signin/verify");
        assertThat(verify.h1()).isEqualTo("Enter your printed code");
        assertThat(next.get("/signin/verify/other").body()).contains("Use my printed code", "Use a code from my authenticator app");
        assertThat(next.post("/signin/verify", "code", "00000000").error()).contains("isn’t right");
        Page signedIn = next.follow(next.post("/signin/verify", "code", code));
        assertThat(signedIn.h1()).isEqualTo("My account");

        assertThat(next.post("/account/security-info/methods/" + printed + "/delete").location()).endsWith("?deleted");
        assertThat(methods.of(erin.user().id())).extracting(AuthMethod::kind).doesNotContain(KIND);
    }

    @Test
    void theResetPortalOffersItAndItProvesThePerson() {
        User frank = accounts.newUser(fabrikam, "frank", Role.USER);
        String code = withPrintedCode(frank);
        TestBrowser browser = new TestBrowser(port);

        ResetPortal.begin(browser, frank.email());
        assertThat(browser.get("/passwordreset/verify").body()).contains("Use my printed code");
        Page asked = browser.follow(browser.post("/passwordreset/verify/choose", "option", "printed_code"));
        assertThat(asked.body()).contains("Type the code you printed");
        assertThat(browser.post("/passwordreset/verify/code", "code", code).location()).endsWith("/passwordreset/verify");
        assertThat(browser.follow(browser.get("/passwordreset/verify")).body()).contains("Choose a new password");
    }

    @Test
    void thePolicyTheReportAndTheApiShowIt() throws Exception {
        Registered root = registrations.register(accounts.newUser(fabrikam, "root", Role.ADMIN));
        User grace = accounts.newUser(fabrikam, "grace", Role.USER);
        withPrintedCode(grace);
        TestBrowser console = registrations.signedIn(root);

        assertThat(console.get("/admin/policy").body()).contains("Printed code", "name=\"enabled.printed_code\"",
                "name=\"required.printed_code\"");
        assertThat(console.get("/admin/registration?q=grace").body().replaceAll(">\\s+<", "><"))
                .contains("<td><span>Printed code</span></td><td>Printed code</td><td>Yes</td><td>Yes</td>");

        console.get("/admin/api-tokens");
        Matcher token = TOKEN.matcher(console.post("/admin/api-tokens", "name", "Audit", "days", "30",
                "scope", "methods.read").body());
        assertThat(token.find()).isTrue();
        HttpResponse<String> listed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/v1/users/" + grace.id() + "/authentication/methods"))
                .header("Authorization", "Bearer " + token.group(1)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(listed.body()).contains("\"@odata.type\":\"#verrou.printedCodeAuthenticationMethod\"",
                "\"displayName\":\"Printed code\"");
    }

    /** Registers a printed code for {@code user} directly; returns the code. */
    private String withPrintedCode(User user) {
        String code = "31415926";
        methods.add(user, UUID.randomUUID(), KIND, "Printed code", Optional.empty(), Optional.of(hash(code)),
                Optional.empty(), OptionalLong.empty(), ClientInfo.system());
        return code;
    }

    private static String printedCode(Page page) {
        Matcher m = CODE.matcher(page.body());
        assertThat(m.find()).as("the setup screen shows the code").isTrue();
        return m.group(1);
    }

    static String hash(String code) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The kind: it serves sign-in and reset, and has its own wizard step. */
    @Component
    static class PrintedCodeKind implements AuthMethodKind {

        private static final Definition DEFINITION = Definition.of(KIND, 50, "printedCodeAuthenticationMethod")
                .servingSignIn().servingReset().setUpBy(STEP);

        private final PrintedCodeProof proof;

        PrintedCodeKind(PrintedCodeProof proof) {
            this.proof = proof;
        }

        @Override
        public Definition definition() {
            return DEFINITION;
        }

        @Override
        public List<SignInWay> signInWays(AuthMethod method) {
            return List.of(new SignInWay(method, "printed", "printed.option", "", Optional.empty(),
                    Optional.of("method.default.printed_code"), proof));
        }

        @Override
        public List<ResetWay> resetWays() {
            return List.of(new ResetWay("printed_code", 25, KIND, proof, Optional.empty()));
        }
    }

    /** Typing the printed code: compared, as its hash, with the one kept. */
    @Component
    static class PrintedCodeProof implements Proof {

        private static final Definition DEFINITION = new Definition("printed_code", Answer.CODE, false,
                Optional.of(FACTOR), List.of("otp"), Map.of(
                        Flow.SIGN_IN, new Screen("printed.title", "printed.text", "", "", "", "mfa.otherway", false),
                        Flow.RESET, new Screen("", "printed.text", "", "", "", "", false)));

        @Override
        public Definition definition() {
            return DEFINITION;
        }

        @Override
        public Check check(User user, AuthMethod method, Optional<UUID> sent, String code) {
            boolean right = MessageDigest.isEqual(hash(code.strip()).getBytes(StandardCharsets.UTF_8),
                    method.sealedSecret().orElse("").getBytes(StandardCharsets.UTF_8));
            return right ? new Check(Verdict.RIGHT, "", "") : Check.wrong();
        }
    }

    /** Its setup screen: the code shown once, kept while the wizard goes on. */
    @Controller
    static class PrintedCodeSetup {

        private final SetupPages pages;
        private final AuthMethods methods;
        private final JdbcUserRepository users;
        private final SecureRandom random = new SecureRandom();

        PrintedCodeSetup(SetupPages pages, AuthMethods methods, JdbcUserRepository users) {
            this.pages = pages;
            this.methods = methods;
            this.users = users;
        }

        @GetMapping("/register/printed")
        String show(@AuthenticationPrincipal SignedInUser signedIn, HttpSession session, Model model) {
            Printed printed = pages.kept(session, Printed.class).orElseGet(() -> {
                Printed fresh = new Printed(String.format("%08d", random.nextInt(100_000_000)));
                pages.keep(session, fresh);
                return fresh;
            });
            model.addAttribute("code", printed.code());
            return pages.page(users.findById(signedIn.userId()).orElseThrow(), STEP, model, "method/printed/setup");
        }

        @PostMapping("/register/printed")
        String confirm(@AuthenticationPrincipal SignedInUser signedIn, HttpSession session, HttpServletRequest request,
                HttpServletResponse response) {
            User user = users.findById(signedIn.userId()).orElseThrow();
            Optional<Printed> printed = pages.kept(session, Printed.class);
            if (printed.isEmpty() || !pages.offered(user, STEP)) {
                return "redirect:/register/setup";
            }
            AuthMethod added = methods.add(user, UUID.randomUUID(), KIND, "Printed code", Optional.empty(),
                    Optional.of(hash(printed.get().code())), Optional.empty(), OptionalLong.empty(), ClientInfo.from(request));
            return pages.completed(added.id(), Optional.of(FACTOR), session, request, response);
        }
    }

    /** The code being set up. */
    record Printed(String code) implements Serializable {
    }
}
