package io.verrou.passwordreset;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.stream.IntStream;

import io.verrou.MutableClock;
import io.verrou.Outbox;
import io.verrou.Page;
import io.verrou.TestAccounts;
import io.verrou.TestBrowser;
import io.verrou.TestRegistrations;
import io.verrou.TestRegistrations.Registered;
import io.verrou.VerrouTest;
import io.verrou.audit.ClientInfo;
import io.verrou.method.AuthMethods;
import io.verrou.method.MethodKind;
import io.verrou.method.questions.QuestionAnswer;
import io.verrou.method.questions.QuestionCatalogue;
import io.verrou.method.questions.SecurityQuestions;
import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.tenant.Tenant;
import io.verrou.user.Role;
import io.verrou.user.User;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.util.HtmlUtils;

/**
 * Self-service password reset over HTTP (SPEC S9): what a name without an account sees, the failures that
 * lock reset, the password rules, and what a reset ends.
 */
@VerrouTest
class PasswordResetTests {

    private static final String NEW_PASSWORD = "Orchard-lantern-figs-94";

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;
    @Autowired
    JdbcTenantRepository tenants;
    @Autowired
    MutableClock clock;
    @Autowired
    SecurityQuestions questions;
    @Autowired
    AuthMethods methods;

    TestRegistrations registrations;
    Tenant contoso;
    String domain;

    @BeforeEach
    void contoso() {
        registrations = new TestRegistrations(port, clock);
        contoso = accounts.newTenantNamed("Contoso");
        domain = accounts.domain(contoso);
    }

    @Test
    void aNameWithoutAnAccountGetsTheSameScreensAndStatusCodesAsARealOneUpToVerification() {
        Registered alice = registrations.register(accounts.newUser(contoso, "alice", Role.USER));
        List<String> real = walkUpToVerification(alice.user().email());
        List<String> unknown = walkUpToVerification("nobody@" + domain);
        assertThat(unknown).isEqualTo(real);
        assertThat(real.get(real.size() - 1)).contains("doesn’t match the one on this account");
    }

    /** Each page's status, redirect and body (its token aside) from the start to a wrong phone number. */
    private List<String> walkUpToVerification(String userId) {
        TestBrowser browser = new TestBrowser(port);
        Page next = ResetPortal.begin(browser, userId);
        Page choose = browser.get("/passwordreset/verify");
        Page chosen = browser.post("/passwordreset/verify/choose", "option", "sms");
        Page phone = browser.get("/passwordreset/verify");
        Page notSetUp = browser.post("/passwordreset/verify/other");
        browser.get("/passwordreset/verify");
        Page email = browser.post("/passwordreset/verify/choose", "option", "email");
        browser.post("/passwordreset/verify/choose", "option", "sms");
        browser.get("/passwordreset/verify");
        Page mismatch = browser.post("/passwordreset/verify/phone", "region", "FR", "number", "+33 6 99 99 99 99");
        assertThat(choose.body()).contains("Text my mobile phone", "Approve a notification on my authenticator app",
                "Email my alternate email", "Answer my security questions");
        return List.of(
                next.status() + " " + next.location(),
                choose.status() + ResetPortal.withoutToken(choose),
                chosen.status() + " " + chosen.location(),
                phone.status() + ResetPortal.withoutToken(phone),
                notSetUp.status() + " " + notSetUp.location(),
                email.status() + ResetPortal.withoutToken(email),
                mismatch.status() + ResetPortal.withoutToken(mismatch));
    }

    @Test
    void aWrongNumberAWrongCodeAndWrongAnswersCountAndTheSixthFailureInAnHourLocksResetFor24Hours() {
        Registered alice = registrations.register(accounts.newUser(contoso, "alice", Role.USER));
        registerQuestions(alice.user());
        TestBrowser browser = new TestBrowser(port);
        String email = alice.user().email();

        Page appCode = ResetPortal.choose(browser, email, "app_code");
        assertThat(appCode.body()).contains("Enter a code from my authenticator app");
        assertThat(browser.post("/passwordreset/verify/code", "code", wrong(alice.code(clock))).error())
                .contains("isn’t right");                                                        // 1
        browser.post("/passwordreset/verify/other");
        browser.get("/passwordreset/verify");
        Page phone = browser.follow(browser.post("/passwordreset/verify/choose", "option", "sms"));
        assertThat(phone.body()).contains("enter your complete mobile phone number");
        browser.post("/passwordreset/verify/phone", "region", "FR", "number", alice.phone());
        assertThat(browser.post("/passwordreset/verify/code", "code", wrong(alice.code(clock))).error())
                .contains("isn’t right");                                                        // 2
        browser.post("/passwordreset/verify/other");
        browser.get("/passwordreset/verify");
        browser.follow(browser.post("/passwordreset/verify/choose", "option", "questions"));
        Page wrongAnswers = browser.post("/passwordreset/verify/questions", "answer0", "no", "answer1", "no", "answer2", "no");
        assertThat(wrongAnswers.body()).contains("Answer these questions instead");                   // 3
        browser.post("/passwordreset/verify/other");
        browser.get("/passwordreset/verify");
        browser.follow(browser.post("/passwordreset/verify/choose", "option", "app_code"));
        browser.post("/passwordreset/verify/code", "code", wrong(alice.code(clock)));            // 4
        Page fifth = browser.post("/passwordreset/verify/code", "code", wrong(alice.code(clock)));
        assertThat(fifth.error()).as("five failures are allowed").contains("isn’t right");       // 5
        Page sixth = browser.post("/passwordreset/verify/code", "code", wrong(alice.code(clock)));
        assertThat(sixth.body()).contains("you can’t reset your password for the next 24 hours"); // 6

        assertThat(browser.post("/passwordreset/verify/code", "code", alice.code(clock)).body())
                .as("not even the right code gets through").contains("for the next 24 hours");
        TestBrowser another = new TestBrowser(port);
        ResetPortal.begin(another, email);
        assertThat(another.get("/passwordreset/verify").body()).contains("for the next 24 hours");

        clock.advance(Duration.ofHours(24).plusSeconds(1));
        TestBrowser tomorrow = new TestBrowser(port);
        ResetPortal.begin(tomorrow, email);
        assertThat(tomorrow.get("/passwordreset/verify").body()).contains("Text my mobile phone")
                .doesNotContain("24 hours");
    }

    @Test
    void failuresOlderThanAnHourNoLongerCount() {
        Registered alice = registrations.register(accounts.newUser(contoso, "alice", Role.USER));
        TestBrowser browser = new TestBrowser(port);
        ResetPortal.choose(browser, alice.user().email(), "sms");
        for (int i = 0; i < 5; i++) {
            assertThat(browser.post("/passwordreset/verify/phone", "region", "FR", "number", "+33 6 99 99 99 99").error())
                    .contains("doesn’t match");
        }
        clock.advance(Duration.ofMinutes(61));
        TestBrowser later = new TestBrowser(port);
        ResetPortal.choose(later, alice.user().email(), "sms");
        assertThat(later.post("/passwordreset/verify/phone", "region", "FR", "number", "+33 6 99 99 99 99").error())
                .contains("doesn’t match");
    }

    @Test
    void aCallAnsweredWithHashProvesThePhone() {
        Registered alice = registrations.register(accounts.newUser(contoso, "alice", Role.USER));
        TestBrowser browser = new TestBrowser(port);
        ResetPortal.choose(browser, alice.user().email(), "voice");
        Page calling = browser.follow(browser.post("/passwordreset/verify/phone", "region", "FR", "number", alice.phone()));
        assertThat(calling.body()).contains("We’re calling", "I answered the call", "src=\"/js/wait.js\"");
        assertThat(browser.getJson("/passwordreset/verify/status").body()).contains("PENDING");
        Outbox outbox = new Outbox(port);
        outbox.press(outbox.latest(alice.phone(), "voice").id(), "#");
        assertThat(browser.getJson("/passwordreset/verify/status").body()).contains("APPROVED");
        assertThat(browser.get("/passwordreset/verify").location()).endsWith("/passwordreset/password");
    }

    @Test
    void aCallRefusedWithZeroHashFailsAndBlocksTheResetAsItBlocksSignIn() {
        Registered alice = registrations.register(accounts.newUser(contoso, "alice", Role.USER));
        TestBrowser browser = new TestBrowser(port);
        ResetPortal.choose(browser, alice.user().email(), "voice");
        browser.post("/passwordreset/verify/phone", "region", "FR", "number", alice.phone());
        Outbox outbox = new Outbox(port);
        outbox.press(outbox.latest(alice.phone(), "voice").id(), "0#");
        assertThat(browser.get("/passwordreset/verify").body()).contains("The call was declined");

        TestBrowser other = new TestBrowser(port);
        ResetPortal.choose(other, alice.user().email(), "sms");
        other.post("/passwordreset/verify/phone", "region", "FR", "number", alice.phone());
        Page next = other.follow(other.post("/passwordreset/verify/code", "code", outbox.latest(alice.phone(), "sms").code()));
        assertThat(next.body()).contains("Contact your administrator").doesNotContain("Choose a new password");
    }

    @Test
    void commonPasswordsNamesAndTheOrganisationsNameAreRefusedWithAClearReason() {
        Registered alice = registrations.register(accounts.newUser(contoso, "alice", Role.USER));
        TestBrowser browser = verifiedBySms(alice);
        assertThat(refusal(browser, "Password1!")).contains("one of the most common ones");
        assertThat(refusal(browser, "alice2026")).contains("Don’t use your name");
        assertThat(refusal(browser, "C0nt0so!2026")).contains("Don’t use your organisation’s name");
        assertThat(refusal(browser, "short")).contains("at least 8 characters");
        assertThat(refusal(browser, TestAccounts.PASSWORD)).contains("your current password");
        assertThat(browser.post("/passwordreset/password", "password", NEW_PASSWORD, "confirmation", "other").error())
                .contains("don’t match");
        Page finish = browser.post("/passwordreset/password", "password", NEW_PASSWORD, "confirmation", NEW_PASSWORD);
        assertThat(finish.location()).endsWith("/passwordreset/done");
        assertThat(browser.get("/passwordreset/done").h1()).isEqualTo("Your password has been reset");
    }

    private static String refusal(TestBrowser browser, String password) {
        Page page = browser.post("/passwordreset/password", "password", password, "confirmation", password);
        assertThat(page.status()).isEqualTo(200);
        return page.error();
    }

    @Test
    void aResetEndsAlicesOtherSessionsUnlocksHerAndOnlyTheNewPasswordWorks() {
        Registered alice = registrations.register(accounts.newUser(contoso, "alice", Role.USER));
        TestBrowser elsewhere = registrations.signedIn(alice);
        assertThat(elsewhere.get("/account").status()).isEqualTo(200);
        TestBrowser attacker = new TestBrowser(port);
        for (int i = 0; i < 10; i++) {
            attacker.signIn(alice.user().email(), "wrong-guess-" + i);
        }
        assertThat(attacker.signIn(alice.user().email(), TestAccounts.PASSWORD).body()).contains("locked");

        TestBrowser browser = verifiedBySms(alice);
        assertThat(browser.post("/passwordreset/password", "password", NEW_PASSWORD, "confirmation", NEW_PASSWORD)
                .location()).endsWith("/passwordreset/done");

        Page after = elsewhere.get("/account");
        assertThat(after.isRedirect()).isTrue();
        assertThat(after.location()).contains("/signin");
        assertThat(new TestBrowser(port).signIn(alice.user().email(), TestAccounts.PASSWORD).body())
                .contains("Your email or password is incorrect");
        Page signedIn = new TestBrowser(port).signIn(alice.user().email(), NEW_PASSWORD);
        assertThat(signedIn.location()).as("on to the second factor: not signed in by the reset").contains("/signin/verify");
        assertThat(new Outbox(port).latestEmail(alice.user().email()).subject()).isEqualTo("Your password was reset");

        TestBrowser again = new TestBrowser(port);
        again.follow(again.signIn(alice.user().email(), NEW_PASSWORD));
        assertThat(again.post("/signin/verify", "code", alice.code(clock)).isRedirect()).isTrue();
        assertThat(again.get("/account/activity").body()).contains("Password reset", "Verified for a password reset");
    }

    @Test
    void whenThePolicyAsksForTwoMethodsTheSecondIsAnotherOfThePersonsOwn() {
        tenants.updateRequirements(contoso.id(), List.of("authenticator", "mobile_phone"), 2);
        Registered alice = registrations.register(accounts.newUser(contoso, "alice", Role.USER));
        TestBrowser browser = new TestBrowser(port);
        ResetPortal.choose(browser, alice.user().email(), "sms");
        browser.post("/passwordreset/verify/phone", "region", "FR", "number", alice.phone());
        Page step2 = browser.follow(browser.post("/passwordreset/verify/code", "code",
                new Outbox(port).latest(alice.phone(), "sms").code()));
        assertThat(step2.body()).contains("Verification step 2 of 2", "Enter a code from my authenticator app")
                .doesNotContain("Text my mobile phone", "Call my mobile phone", "Email my alternate email");
        assertThat(browser.get("/passwordreset/password").location()).as("one method is not enough")
                .endsWith("/passwordreset/verify");
        browser.follow(browser.post("/passwordreset/verify/choose", "option", "app_code"));
        Page password = browser.follow(browser.post("/passwordreset/verify/code", "code", alice.code(clock)));
        assertThat(password.body()).contains("Choose a new password");
    }

    @Test
    void aPersonWithOneMethodWhenTwoAreNeededIsToldToContactTheirAdministrator() {
        Registered bob = registrations.register(accounts.newUser(contoso, "bob", Role.USER));
        methods.of(bob.user().id()).stream().filter(m -> m.kind() == MethodKind.of("authenticator") || m.kind() == MethodKind.of("totp"))
                .forEach(m -> methods.delete(bob.user(), m.id(), ClientInfo.system()));
        tenants.updateRequirements(contoso.id(), List.of("mobile_phone"), 2);
        TestBrowser browser = new TestBrowser(port);
        ResetPortal.choose(browser, bob.user().email(), "sms");
        browser.post("/passwordreset/verify/phone", "region", "FR", "number", bob.phone());
        Page next = browser.follow(browser.post("/passwordreset/verify/code", "code",
                new Outbox(port).latest(bob.phone(), "sms").code()));
        assertThat(next.body()).contains("Contact your administrator");
    }

    @Test
    void securityQuestionsAndAnEmailCodeEachProveWhoYouAre() {
        User carol = accounts.newUser(contoso, "carol", Role.USER);
        registerQuestions(carol);
        String alternate = "carol." + UUID.randomUUID().toString().substring(0, 6) + "@fabrikam.example";
        methods.add(carol, UUID.randomUUID(), MethodKind.of("email"), "Email", Optional.of(alternate), Optional.empty(),
                Optional.empty(), OptionalLong.empty(), ClientInfo.system());
        tenants.updateRequirements(contoso.id(), List.of("email"), 2);

        TestBrowser browser = new TestBrowser(port);
        Page asked = ResetPortal.choose(browser, carol.email(), "questions");
        List<String> answers = answersFor(asked);
        Page step2 = browser.follow(browser.post("/passwordreset/verify/questions",
                "answer0", answers.get(0), "answer1", answers.get(1), "answer2", answers.get(2)));
        assertThat(step2.body()).contains("Verification step 2 of 2", "Email my alternate email")
                .doesNotContain("Answer my security questions");
        Page retype = browser.follow(browser.post("/passwordreset/verify/choose", "option", "email"));
        assertThat(retype.body()).contains("enter your complete alternate email address");
        assertThat(new Outbox(port).emails(alternate)).as("no code before it is retyped")
                .noneMatch(mail -> mail.subject().contains("password reset code"));
        Page code = browser.follow(browser.post("/passwordreset/verify/email", "email", alternate.toUpperCase(Locale.ROOT)));
        assertThat(code.body()).contains("We’ve emailed a code to your alternate email");
        Outbox.Email sent = new Outbox(port).latestEmail(alternate);
        assertThat(sent.subject()).contains("password reset code");
        assertThat(sent.body()).contains("reset the password of your");
        Page password = browser.follow(browser.post("/passwordreset/verify/code", "code", sent.code()));
        assertThat(password.body()).contains("Choose a new password");
        browser.post("/passwordreset/password", "password", NEW_PASSWORD, "confirmation", NEW_PASSWORD);
        assertThat(new Outbox(port).latestEmail(alternate).subject()).isEqualTo("Your password was reset");
        assertThat(new Outbox(port).latestEmail(carol.email()).subject()).isEqualTo("Your password was reset");
    }

    @Test
    void anAdministratorsResetIsToldToTheOtherAdministrators() {
        Registered admin = registrations.register(accounts.newUser(contoso, "root", Role.ADMIN));
        User other = accounts.newUser(contoso, "second", Role.ADMIN);
        User french = accounts.newUser(contoso, "troisieme", Role.ADMIN);
        new TestBrowser(port).language("fr").signIn(french.email(), TestAccounts.PASSWORD);
        TestBrowser browser = verifiedBySmsAndApp(admin);
        browser.post("/passwordreset/password", "password", NEW_PASSWORD, "confirmation", NEW_PASSWORD);
        Outbox.Email alert = new Outbox(port).latestEmail(other.email());
        assertThat(alert.subject()).startsWith("An administrator reset their password").contains(admin.user().email());
        assertThat(alert.body()).doesNotContain(NEW_PASSWORD);
        assertThat(new Outbox(port).latestEmail(french.email()).subject()).as("in the language they sign in with")
                .startsWith("Un administrateur a réinitialisé son mot de passe");
        assertThat(new Outbox(port).emails(admin.user().email())).extracting(Outbox.Email::subject)
                .contains("Your password was reset").doesNotContain("An administrator reset their password");
    }

    @Test
    void aResetEndsAfter15Minutes() {
        Registered alice = registrations.register(accounts.newUser(contoso, "alice", Role.USER));
        TestBrowser browser = new TestBrowser(port);
        ResetPortal.choose(browser, alice.user().email(), "sms");
        clock.advance(Duration.ofMinutes(15));
        Page ended = browser.post("/passwordreset/verify/phone", "region", "FR", "number", alice.phone());
        assertThat(ended.location()).endsWith("/passwordreset?expired");
        assertThat(browser.follow(ended).body()).contains("took longer than 15 minutes");
        assertThat(new Outbox(port).count(alice.phone(), "sms")).as("nothing sent after the end").isEqualTo(1);
    }

    @Test
    void aWrongAnswerToTheCheckOrABadUserIdIsExplainedAndLosesNothing() {
        TestBrowser browser = new TestBrowser(port);
        Page start = browser.get("/passwordreset");
        assertThat(start.body()).contains("Enter the characters in the picture", "data:image/png;base64,");
        Page wrong = browser.post("/passwordreset", "userId", "alice@" + domain, "answer", "NOPE");
        assertThat(wrong.status()).isEqualTo(200);
        assertThat(wrong.body()).contains("That answer isn’t right", "value=\"alice@" + domain + "\"");

        Page again = browser.post("/passwordreset", "userId", "alice@" + domain, "answer", "NOPE");
        assertThat(again.body()).as("a new puzzle each time").contains("That answer isn’t right");

        Page huge = browser.post("/passwordreset", "userId", "a".repeat(10_000), "answer", "x".repeat(10_000));
        assertThat(huge.status()).isEqualTo(200);
        assertThat(huge.body()).contains("Enter your user ID as an email address");

        Page question = browser.post("/passwordreset", "userId", "alice@" + domain, "puzzle", "question");
        assertThat(question.body()).contains("value=\"alice@" + domain + "\"").doesNotContain("data:image/png");
        String answer = ResetPortal.answer(question.body());
        assertThat(browser.post("/passwordreset", "userId", "alice@" + domain, "question", "true", "answer", answer)
                .location()).endsWith("/passwordreset/verify");
    }

    @Test
    void theCheckCanBeAnsweredOnlyOnce() {
        TestBrowser browser = new TestBrowser(port);
        String used = ResetPortal.answer(browser.get("/passwordreset?question=true").body());
        Page next = browser.post("/passwordreset", "userId", "not-an-id", "question", "true", "answer", used);
        // The next sum may have the same answer by chance; then it is not a replay: ask for another.
        while (ResetPortal.answer(next.body()).equals(used)) {
            next = browser.post("/passwordreset", "userId", "not-an-id", "puzzle", "question");
        }
        Page replayed = browser.post("/passwordreset", "userId", "alice@" + domain, "question", "true", "answer", used);
        assertThat(replayed.body()).contains("That answer isn’t right");
    }

    @Test
    void aFormWithoutItsTokenIsRefused() {
        TestBrowser browser = new TestBrowser(port);
        browser.get("/passwordreset");
        Page refused = browser.postRaw("/passwordreset", "userId", "alice@" + domain, "answer", "X");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.h1()).as("refused for its missing token").isEqualTo("This form has expired");
    }

    @Test
    void anOrganisationWithoutSelfServiceResetSendsPeopleToTheirAdministrator() {
        Registered alice = registrations.register(accounts.newUser(contoso, "alice", Role.USER));
        tenants.updateReset(contoso.id(), false);
        TestBrowser browser = new TestBrowser(port);
        ResetPortal.begin(browser, alice.user().email());
        assertThat(browser.get("/passwordreset/verify").body()).contains("doesn’t let its people reset their own password");
    }

    @Test
    void theFrenchPortalAsksTheQuestionInFrench() {
        TestBrowser browser = new TestBrowser(port).language("fr");
        Page start = browser.get("/passwordreset?question=true");
        assertThat(start.h1()).isEqualTo("Récupérer votre compte");
        assertThat(start.body()).containsPattern("<label for=\"answer\">[^<]+(\u00a0|&nbsp;)\\?</label>")
                .doesNotContainPattern("<label for=\"answer\">(What|Which|How)");
    }

    @Test
    void aMethodTheAccountLacksGoesThroughTheSameScreensAsOneItHas() {
        Registered alice = registrations.register(accounts.newUser(contoso, "alice", Role.USER));
        registerQuestions(alice.user());
        String alternate = "alice." + UUID.randomUUID().toString().substring(0, 6) + "@fabrikam.example";
        methods.add(alice.user(), UUID.randomUUID(), MethodKind.of("email"), "Email", Optional.of(alternate), Optional.empty(),
                Optional.empty(), OptionalLong.empty(), ClientInfo.system());
        List<String> real = walkEveryWay(alice.user().email());
        List<String> unknown = walkEveryWay("nobody@" + domain);
        assertThat(unknown).isEqualTo(real);
        assertThat(real).anySatisfy(page -> assertThat(page).contains("enter your complete alternate email address"));
        assertThat(real).anySatisfy(page -> assertThat(page).contains("Number to enter in the app"));
    }

    /**
     * Each way of the first step, as far as a person goes without knowing anything: the page each shows, with the
     * number of a notification and the texts of questions taken out (they are drawn at random for everyone).
     */
    private List<String> walkEveryWay(String userId) {
        TestBrowser browser = new TestBrowser(port);
        ResetPortal.begin(browser, userId);
        List<String> pages = new java.util.ArrayList<>();
        for (String option : List.of("app_notification", "app_code", "questions", "email")) {
            browser.get("/passwordreset/verify");
            Page shown = browser.follow(browser.post("/passwordreset/verify/choose", "option", option));
            pages.add(shown.status() + masked(shown));
            if (option.equals("email")) {
                Page wrong = browser.post("/passwordreset/verify/email", "email", "someone@elsewhere.example");
                pages.add(wrong.status() + masked(wrong));
            }
            browser.post("/passwordreset/verify/other");
        }
        return pages;
    }

    private static String masked(Page page) {
        return ResetPortal.withoutToken(page)
                .replaceAll("<span>\\d{2}</span>", "<span>NN</span>")
                .replaceAll("(<label for=\"answer\\d\">)[^<]*(</label>)", "$1Q$2");
    }

    @Test
    void aStrangersWrongNumbersLockOnlyTheirOwnTriesNotThePersonsReset() {
        Registered alice = registrations.register(accounts.newUser(contoso, "alice", Role.USER));
        TestBrowser stranger = new TestBrowser(port);
        ResetPortal.choose(stranger, alice.user().email(), "sms");
        for (int i = 0; i < 6; i++) {
            stranger.post("/passwordreset/verify/phone", "region", "FR", "number", "+33 6 99 99 99 9" + i);
        }
        assertThat(stranger.get("/passwordreset/verify").body()).contains("for the next 24 hours");

        TestBrowser herself = new TestBrowser(port);
        ResetPortal.choose(herself, alice.user().email(), "sms");
        herself.post("/passwordreset/verify/phone", "region", "FR", "number", alice.phone());
        Page password = herself.follow(herself.post("/passwordreset/verify/code", "code",
                new Outbox(port).latest(alice.phone(), "sms").code()));
        assertThat(password.body()).as("from her own address, her reset goes on").contains("Choose a new password");
    }

    @Test
    void anAdministratorAlwaysProvesTwoMethodsAndNeverTheQuestions() {
        Registered admin = registrations.register(accounts.newUser(contoso, "chief", Role.ADMIN));
        TestBrowser browser = new TestBrowser(port);
        Page step1 = ResetPortal.choose(browser, admin.user().email(), "sms");
        assertThat(step1.body()).contains("Verification step 1 of 2");
        browser.post("/passwordreset/verify/phone", "region", "FR", "number", admin.phone());
        Page step2 = browser.follow(browser.post("/passwordreset/verify/code", "code",
                new Outbox(port).latest(admin.phone(), "sms").code()));
        assertThat(step2.body()).contains("Verification step 2 of 2").doesNotContain("Choose a new password")
                .doesNotContain("Answer my security questions");
    }

    @Test
    void someoneWithASignInMethodCanNotResetWithTheirAlternateEmailAlone() {
        Registered alice = registrations.register(accounts.newUser(contoso, "alice", Role.USER));
        String alternate = "alice." + UUID.randomUUID().toString().substring(0, 6) + "@fabrikam.example";
        methods.add(alice.user(), UUID.randomUUID(), MethodKind.of("email"), "Email", Optional.of(alternate), Optional.empty(),
                Optional.empty(), OptionalLong.empty(), ClientInfo.system());
        TestBrowser browser = new TestBrowser(port);
        ResetPortal.choose(browser, alice.user().email(), "email");
        browser.post("/passwordreset/verify/email", "email", alternate);
        Page next = browser.follow(browser.post("/passwordreset/verify/code", "code",
                new Outbox(port).latestEmail(alternate).code()));

        assertThat(next.body()).as("the policy asks for one method, but her sign-in needs her app or phone")
                .contains("Verification step 2 of 2").doesNotContain("Choose a new password")
                .doesNotContain("Email my alternate email");
        assertThat(browser.get("/passwordreset/password").location()).endsWith("/passwordreset/verify");
    }

    // ---- helpers ----

    /** A browser that proved the person's phone by text, then their app's code, and stands at "Choose a new password". */
    private TestBrowser verifiedBySmsAndApp(Registered person) {
        TestBrowser browser = new TestBrowser(port);
        ResetPortal.choose(browser, person.user().email(), "sms");
        browser.post("/passwordreset/verify/phone", "region", "FR", "number", person.phone());
        browser.follow(browser.post("/passwordreset/verify/code", "code",
                new Outbox(port).latest(person.phone(), "sms").code()));
        browser.follow(browser.post("/passwordreset/verify/choose", "option", "app_code"));
        Page next = browser.follow(browser.post("/passwordreset/verify/code", "code", person.code(clock)));
        assertThat(next.body()).contains("Choose a new password");
        return browser;
    }

    /** A browser that proved alice's phone by text and stands at "Choose a new password". */
    private TestBrowser verifiedBySms(Registered person) {
        TestBrowser browser = new TestBrowser(port);
        ResetPortal.choose(browser, person.user().email(), "sms");
        browser.post("/passwordreset/verify/phone", "region", "FR", "number", person.phone());
        Page next = browser.follow(browser.post("/passwordreset/verify/code", "code",
                new Outbox(port).latest(person.phone(), "sms").code()));
        assertThat(next.body()).contains("Choose a new password");
        return browser;
    }

    private void registerQuestions(User user) {
        List<String> ids = QuestionCatalogue.ids();
        questions.register(user, List.of(new QuestionAnswer(ids.get(0), "Lyon one"), new QuestionAnswer(ids.get(1), "Nantes two"),
                new QuestionAnswer(ids.get(2), "Lille three")), ClientInfo.system());
    }

    /** The answers registerQuestions gave, in the order the page asks. */
    private List<String> answersFor(Page page) {
        List<String> ids = QuestionCatalogue.ids();
        String body = page.body();
        List<String> all = List.of("Lyon one", "Nantes two", "Lille three");
        return IntStream.range(0, 3)
                .boxed()
                .sorted(Comparator.comparingInt(i -> body.indexOf(questionText(ids.get(i)))))
                .map(all::get)
                .toList();
    }

    private String questionText(String id) {
        return HtmlUtils.htmlEscape(questions.text(contoso.id(), id, Locale.ENGLISH).orElseThrow());
    }

    private static String wrong(String code) {
        return code.equals("000000") ? "111111" : "000000";
    }
}
