package io.verrou.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.verrou.MutableClock;
import io.verrou.Outbox;
import io.verrou.Page;
import io.verrou.SwitchableSmsSender;
import io.verrou.TestAccounts;
import io.verrou.TestBrowser;
import io.verrou.VerrouTest;
import io.verrou.audit.AuditEventType;
import io.verrou.audit.JdbcAuditLog;
import io.verrou.method.AuthMethod;
import io.verrou.method.AuthMethods;
import io.verrou.method.MethodKind;
import io.verrou.method.totp.TotpMethods;
import io.verrou.otp.Base32;
import io.verrou.otp.OtpParameters;
import io.verrou.otp.Totp;
import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.tenant.Tenant;
import io.verrou.user.Role;
import io.verrou.user.User;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The registration interrupt and the wizard, over HTTP, as a browser without JavaScript uses them. */
@VerrouTest
class RegistrationTests {

    private static final Pattern SECRET = Pattern.compile("id=\"secret\">([A-Z2-7 ]+)<");
    private static final Totp TOTP = new Totp(OtpParameters.defaults());

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;
    @Autowired
    MutableClock clock;
    @Autowired
    AuthMethods methods;
    @Autowired
    TotpMethods totpMethods;
    @Autowired
    JdbcAuditLog audit;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JdbcTenantRepository tenants;
    @Autowired
    SwitchableSmsSender smsSender;

    @Test
    void aPersonWithoutSecurityInfoIsStoppedAtMoreInformationRequired() {
        User user = newUser();
        TestBrowser browser = new TestBrowser(port);

        Page landed = browser.signIn(user.email(), TestAccounts.PASSWORD);

        assertThat(landed.location()).endsWith("/register");
        Page interrupt = browser.follow(landed);
        assertThat(interrupt.h1()).isEqualTo("More information required");
        assertThat(interrupt.body()).doesNotContain("Skip for now");
        assertThat(browser.get("/account").location()).endsWith("/register");
        assertThat(browser.get("/account/security-info").location()).endsWith("/register");
    }

    @Test
    void theWizardAsksForTheAppThenThePhoneAndEndsWhereThePersonWasGoing() {
        User user = newUser();
        TestBrowser browser = new TestBrowser(port);
        browser.get("/account/security-info");
        browser.follow(browser.signIn(user.email(), TestAccounts.PASSWORD));

        Page verrou = browser.follow(browser.post("/register/start"));
        assertThat(verrou.h1()).isEqualTo("Keep your account secure");
        assertThat(verrou.body()).contains("Method 1 of 2: App").contains("Start by getting the app")
                .contains("I want to use a different authenticator app").contains("I want to set up a different method");
        Page app = browser.get("/register/app");
        assertThat(app.body()).contains("Method 1 of 2: App").contains("Can’t scan image?")
                .contains("I want to use the Verrou Authenticator");
        Page phone = browser.follow(browser.post("/register/app", "code", currentCode(app)));
        assertThat(phone.body()).contains("Method 2 of 2: Phone").contains("Country or region").contains("Phone number");

        String number = uniqueMobile();
        Page sent = browser.follow(browser.post("/register/phone", "region", "FR", "number", display(number), "channel", "sms"));
        assertThat(sent.body()).contains("We just sent a 6-digit code to +33 6");
        Page success = browser.follow(browser.post("/register/phone/verify", "code", new Outbox(port).latest(number, "sms").code()));

        assertThat(success.h1()).isEqualTo("Success!");
        assertThat(success.body()).contains("Authenticator app").contains("Phone")
                .contains("Default sign-in method:").contains("Authenticator app – code");
        Page done = browser.post("/register/done");
        assertThat(done.location()).contains("/account/security-info");
        assertThat(browser.get("/account").status()).isEqualTo(200);
        assertThat(methods.of(user.id())).extracting(AuthMethod::kind)
                .containsExactly(MethodKind.of("totp"), MethodKind.of("mobile_phone"));
        assertThat(audit.forUser(user.id(), 50)).extracting(e -> e.event().type())
                .contains(AuditEventType.REGISTRATION_STARTED, AuditEventType.METHOD_ADDED,
                        AuditEventType.CODE_SENT, AuditEventType.REGISTRATION_COMPLETED);
    }

    @Test
    void callMeAnsweredWithTheHashKeyCompletesThePhoneStep() {
        TestBrowser browser = atPhoneStep(newUser());
        String number = uniqueMobile();

        Page calling = browser.follow(browser.post("/register/phone", "region", "FR", "number", number, "channel", "voice"));
        assertThat(calling.body()).contains("We’re calling +33 6");
        Outbox.Delivery call = new Outbox(port).latest(number, "voice");
        assertThat(call.body()).contains("press the pound key");
        assertThat(browser.post("/register/phone/verify").error()).startsWith("We haven’t received your answer yet.");

        assertThat(new Outbox(port).press(call.id(), "#")).isEqualTo(200);
        Page success = browser.follow(browser.post("/register/phone/verify"));

        assertThat(success.h1()).isEqualTo("Success!");
    }

    @Test
    void aCallRefusedWithZeroHashAddsNothingAndIsRecordedAsAFraudReport() {
        User user = newUser();
        TestBrowser browser = atPhoneStep(user);
        String number = uniqueMobile();
        browser.post("/register/phone", "region", "FR", "number", number, "channel", "voice");

        new Outbox(port).press(new Outbox(port).latest(number, "voice").id(), "0#");
        Page refused = browser.post("/register/phone/verify");

        assertThat(refused.error()).startsWith("The call was declined");
        assertThat(methods.of(user.id())).extracting(AuthMethod::kind).containsExactly(MethodKind.of("totp"));
        assertThat(audit.forUser(user.id(), 50)).anySatisfy(e ->
                assertThat(e.event().type()).isEqualTo(AuditEventType.FRAUD_REPORTED));
    }

    @Test
    void leavingAfterTheAppStepResumesAtThePhoneStepOnceTheAppIsProved() {
        User user = newUser();
        TestBrowser first = new TestBrowser(port);
        first.follow(first.signIn(user.email(), TestAccounts.PASSWORD));
        Page app = otherApp(first);
        String secret = secretOf(app);
        first.post("/register/app", "code", TOTP.generate(Base32.decode(secret), clock.instant()));
        first.post("/signout");

        clock.advance(Duration.ofSeconds(60));
        TestBrowser second = new TestBrowser(port);
        Page interrupt = second.follow(second.signIn(user.email(), TestAccounts.PASSWORD));
        assertThat(interrupt.h1()).isEqualTo("More information required");
        // Someone who already has an app proves it before the wizard goes on.
        Page verify = second.follow(second.post("/register/start"));
        assertThat(verify.h1()).isEqualTo("Enter code");
        Page resumed = second.follow(second.post("/signin/verify", "code", TOTP.generate(Base32.decode(secret), clock.instant())));

        assertThat(resumed.body()).contains("Method 2 of 2: Phone");
    }

    @Test
    void aWrongAppCodeIsRefusedAndTheSameQrCodeStays() {
        TestBrowser browser = new TestBrowser(port);
        browser.follow(browser.signIn(newUser().email(), TestAccounts.PASSWORD));
        Page app = otherApp(browser);

        Page again = browser.post("/register/app", "code", "000000".equals(currentCode(app)) ? "111111" : "000000");

        assertThat(again.error()).isEqualTo("That code isn’t right. Check it and try again.");
        assertThat(secretOf(again)).isEqualTo(secretOf(app));
    }

    @Test
    void aTotpCodeAcceptedOnceIsRefusedTheSecondTimeAndATwoStepOldCodeIsRefused() {
        User user = newUser();
        TestBrowser browser = new TestBrowser(port);
        browser.follow(browser.signIn(user.email(), TestAccounts.PASSWORD));
        Page app = otherApp(browser);
        byte[] secret = Base32.decode(secretOf(app));
        browser.post("/register/app", "code", TOTP.generate(secret, clock.instant()));
        AuthMethod method = methods.of(user.id()).get(0);

        clock.advance(Duration.ofSeconds(30));
        String next = TOTP.generate(secret, clock.instant());
        assertThat(totpMethods.verify(method, next)).isTrue();
        assertThat(totpMethods.verify(method, next)).isFalse();
        clock.advance(Duration.ofSeconds(30));
        assertThat(totpMethods.verify(method, TOTP.generate(secret, clock.instant().minusSeconds(60)))).isFalse();
        assertThat(totpMethods.verify(method, TOTP.generate(secret, clock.instant()))).isTrue();
    }

    @Test
    void theRawRowHoldsNoSeedInClear() {
        User user = newUser();
        TestBrowser browser = new TestBrowser(port);
        browser.follow(browser.signIn(user.email(), TestAccounts.PASSWORD));
        Page app = otherApp(browser);
        String secret = secretOf(app);
        byte[] seed = Base32.decode(secret);
        // While it waits in the session (stored in the database), the seed is sealed too.
        List<byte[]> sessionValues = jdbc.sql("SELECT ATTRIBUTE_BYTES FROM SPRING_SESSION_ATTRIBUTES")
                .query((rs, n) -> rs.getBytes(1)).list();
        assertThat(sessionValues).isNotEmpty().noneSatisfy(bytes -> assertThat(indexOf(bytes, seed)).isNotNegative());
        browser.post("/register/app", "code", currentCode(app));

        List<String> row = jdbc.sql("SELECT CONCAT(COALESCE(sealed_secret, ''), '|', COALESCE(detail, ''), '|', label) FROM auth_method WHERE user_id = :id")
                .param("id", user.id()).query(String.class).list();
        assertThat(row).singleElement().satisfies(r -> {
            assertThat(r).doesNotContain(secret.replace(" ", "")).doesNotContain(secret);
            assertThat(r.toUpperCase()).doesNotContain(secret.replace(" ", "").substring(0, 16));
        });
        byte[] sealed = java.util.Base64.getDecoder().decode(r0(row).split("\\|")[0]);
        assertThat(indexOf(sealed, seed)).isNegative();
    }

    private static String r0(List<String> rows) {
        return rows.get(0);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void anExpiredTextCodeIsRefusedWithAClearMessage() {
        TestBrowser browser = atPhoneStep(newUser());
        String number = uniqueMobile();
        browser.post("/register/phone", "region", "FR", "number", number, "channel", "sms");
        String code = new Outbox(port).latest(number, "sms").code();

        clock.advance(Duration.ofMinutes(5));
        Page expired = browser.post("/register/phone/verify", "code", code);

        assertThat(expired.error()).isEqualTo("That code has expired. Choose “Resend code” to get a new one.");
    }

    @Test
    void theSixthWrongCodeVoidsTheTextCodeEvenIfTheRightOneFollows() {
        TestBrowser browser = atPhoneStep(newUser());
        String number = uniqueMobile();
        browser.post("/register/phone", "region", "FR", "number", number, "channel", "sms");
        String code = new Outbox(port).latest(number, "sms").code();
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 4; i++) {
            assertThat(browser.post("/register/phone/verify", "code", wrong).error()).startsWith("That code isn’t right");
        }

        assertThat(browser.post("/register/phone/verify", "code", wrong).error()).startsWith("This code can’t be used any more");
        assertThat(browser.post("/register/phone/verify", "code", code).error()).startsWith("This code can’t be used any more");
    }

    @Test
    void invalidPhoneNumbersAreRefusedWithAClearMessageAndKeptInTheForm() {
        TestBrowser browser = atPhoneStep(newUser());

        Page invalid = browser.post("/register/phone", "region", "FR", "number", "06 12", "channel", "sms");
        assertThat(invalid.error()).isEqualTo("Enter a valid phone number for the country or region you chose.");
        assertThat(invalid.body()).contains("value=\"06 12\"");
        assertThat(browser.post("/register/phone", "region", "FR", "number", "+33 8 99 12 34 56", "channel", "sms").error())
                .startsWith("This kind of number");
        assertThat(browser.post("/register/phone", "region", "FR", "number", "+33 1 23 45 67 89", "channel", "sms").error())
                .startsWith("Text messages can only go to mobile numbers.");
        assertThat(browser.post("/register/phone", "region", "FR", "number", "x".repeat(10_000), "channel", "sms").error())
                .isEqualTo("Enter a valid phone number for the country or region you chose.");
        assertThat(browser.post("/register/phone", "region", "FR", "number", "", "channel", "sms").error())
                .isEqualTo("Enter your phone number.");
    }

    @Test
    void aNewCodeMayBeAskedForThirtySecondsAfterTheLastAndFiveTimesIn15Minutes() {
        TestBrowser browser = atPhoneStep(newUser());
        String number = uniqueMobile();
        browser.post("/register/phone", "region", "FR", "number", number, "channel", "sms");

        assertThat(browser.post("/register/phone/resend").error()).startsWith("Please wait 30 seconds");
        for (int i = 2; i <= 5; i++) {
            clock.advance(Duration.ofSeconds(30));
            assertThat(browser.post("/register/phone/resend").body()).contains("We sent you a new code.");
        }
        clock.advance(Duration.ofSeconds(30));
        assertThat(browser.post("/register/phone/resend").error()).startsWith("You’ve reached our limit on text messages");
        assertThat(new Outbox(port).count(number, "sms")).isEqualTo(5);
    }

    @Test
    void aProviderThatFailsLosesNothingAndTheNextTryGoesThrough() {
        User user = newUser();
        TestBrowser browser = atPhoneStep(user);
        String number = uniqueMobile();
        smsSender.failing(true);
        Page failed;
        try {
            failed = browser.post("/register/phone", "region", "FR", "number", display(number), "channel", "sms");
        } finally {
            smsSender.failing(false);
        }

        assertThat(failed.status()).isEqualTo(200);
        assertThat(failed.error()).isEqualTo("We couldn’t send the code. Try again, or use another method.");
        assertThat(failed.body()).contains("value=\"" + display(number) + "\"");
        assertThat(methods.of(user.id())).extracting(AuthMethod::kind).containsExactly(MethodKind.of("totp"));
        assertThat(audit.forUser(user.id(), 20)).anySatisfy(e ->
                assertThat(e.event().type()).isEqualTo(AuditEventType.DELIVERY_FAILED));

        Page retried = browser.follow(browser.post("/register/phone", "region", "FR", "number", display(number), "channel", "sms"));
        assertThat(retried.body()).contains("We just sent a 6-digit code");
        assertThat(new Outbox(port).count(number, "sms")).isEqualTo(1);
    }

    @Test
    void theTextAndTheCallSpeakThePersonsLanguageAndNameTheOrganisation() {
        User user = newUser();
        String organisation = tenants.findById(user.tenantId()).orElseThrow().name();
        TestBrowser browser = new TestBrowser(port).language("fr");
        browser.follow(browser.signIn(user.email(), TestAccounts.PASSWORD));
        Page app = otherApp(browser);
        assertThat(app.h1()).isEqualTo("Protégez votre compte");
        browser.post("/register/app", "code", currentCode(app));
        String number = uniqueMobile();

        browser.post("/register/phone", "region", "FR", "number", number, "channel", "sms");

        Outbox.Delivery text = new Outbox(port).latest(number, "sms");
        assertThat(text.body()).isEqualTo(text.code() + " est votre code de vérification " + organisation
                + ". Il expire dans 5 minutes. Ne le communiquez à personne.");
        clock.advance(Duration.ofSeconds(30));
        browser.post("/register/phone", "region", "FR", "number", number, "channel", "voice");
        assertThat(new Outbox(port).latest(number, "voice").body()).startsWith("Bonjour, ici " + organisation + ".")
                .contains("appuyez sur la touche dièse");
    }

    @Test
    void skipForNowIsOfferedOnlyWhenThePolicyAllowsASnooze() {
        Tenant tenant = accounts.newTenantWithDefaultPolicy();
        tenants.updateRegistration(tenant.id(), true, 14, 3);
        User user = accounts.newUser(tenant, "snoozer", Role.USER);
        TestBrowser browser = new TestBrowser(port);
        Page interrupt = browser.follow(browser.signIn(user.email(), TestAccounts.PASSWORD));
        assertThat(interrupt.body()).contains("Skip for now (14 days until this is required)");

        Page skipped = browser.post("/register/skip");

        assertThat(skipped.location()).endsWith("/account");
        assertThat(browser.get("/account").status()).isEqualTo(200);
    }

    @Test
    void aPasswordAloneCannotAddToExistingSecurityInfo() {
        User user = newUser();
        TestBrowser first = new TestBrowser(port);
        first.follow(first.signIn(user.email(), TestAccounts.PASSWORD));
        Page app = otherApp(first);
        first.post("/register/app", "code", currentCode(app));
        first.post("/signout");

        TestBrowser attacker = new TestBrowser(port);
        attacker.follow(attacker.signIn(user.email(), TestAccounts.PASSWORD));

        assertThat(attacker.get("/register/app").location()).endsWith("/signin/verify");
        assertThat(attacker.post("/register/phone", "region", "FR", "number", uniqueMobile(), "channel", "sms").location())
                .endsWith("/signin/verify");
        assertThat(methods.of(user.id())).hasSize(1);
    }

    @Test
    void whenResetNeedsTwoMethodsTheWizardAsksForASecondOneThatServesReset() {
        Tenant tenant = accounts.newTenantWithDefaultPolicy();
        tenants.updateRequirements(tenant.id(), List.of("authenticator"), 2);
        User user = accounts.newUser(tenant, "reset", Role.USER);
        TestBrowser browser = new TestBrowser(port);
        browser.follow(browser.signIn(user.email(), TestAccounts.PASSWORD));

        Page app = otherApp(browser);
        assertThat(app.body()).contains("Method 1 of 2: App");
        Page second = browser.follow(browser.post("/register/app", "code", currentCode(app)));

        assertThat(second.body()).contains("Method 2 of 2: Phone");
    }

    @Test
    void theSecondResetMethodIsTheMostSecureOneThePolicyAllowsForReset() {
        Tenant tenant = accounts.newTenantWithDefaultPolicy();
        tenants.updateRequirements(tenant.id(), List.of("authenticator"), 2);
        tenants.updateMethodPolicy(tenant.id(), new io.verrou.tenant.MethodPolicy("mobile_phone", true, true, false));
        User user = accounts.newUser(tenant, "reset", Role.USER);
        TestBrowser browser = new TestBrowser(port);
        browser.follow(browser.signIn(user.email(), TestAccounts.PASSWORD));
        Page app = otherApp(browser);

        Page second = browser.follow(browser.post("/register/app", "code", currentCode(app)));

        assertThat(second.body()).contains("Method 2 of 2: Email").contains("Email address");
    }

    @Test
    void aPolicyWithoutRequirementsLetsPeopleStraightThrough() {
        User user = accounts.newUser();

        assertThat(new TestBrowser(port).signIn(user.email(), TestAccounts.PASSWORD).location()).endsWith("/account");
    }

    // ---- helpers ----

    private User newUser() {
        return accounts.newUser(accounts.newTenantWithDefaultPolicy(), "wizard", Role.USER);
    }

    /** Next on the interrupt, then "I want to use a different authenticator app": the code app's screen. */
    private static Page otherApp(TestBrowser browser) {
        browser.follow(browser.post("/register/start"));
        return browser.get("/register/app");
    }

    private TestBrowser atPhoneStep(User user) {
        TestBrowser browser = new TestBrowser(port);
        browser.follow(browser.signIn(user.email(), TestAccounts.PASSWORD));
        Page app = otherApp(browser);
        browser.follow(browser.post("/register/app", "code", currentCode(app)));
        return browser;
    }

    private String currentCode(Page appPage) {
        return TOTP.generate(Base32.decode(secretOf(appPage)), clock.instant());
    }

    private static String secretOf(Page appPage) {
        Matcher m = SECRET.matcher(appPage.body());
        assertThat(m.find()).as("secret shown under Can't scan image?").isTrue();
        return m.group(1);
    }

    /** A French mobile number no other test uses, so that per-number limits never meet. */
    private static String uniqueMobile() {
        return String.format("+3367%07d", Math.floorMod(System.nanoTime(), 10_000_000));
    }

    private static String display(String e164) {
        return e164.replaceFirst("\\+33(\\d)(\\d{2})(\\d{2})(\\d{2})(\\d{2})", "+33 $1 $2 $3 $4 $5");
    }
}
