package io.verrou.method.questions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.verrou.MutableClock;
import io.verrou.Page;
import io.verrou.TestAccounts;
import io.verrou.TestBrowser;
import io.verrou.TestRegistrations;
import io.verrou.VerrouTest;
import io.verrou.audit.AuditEntry;
import io.verrou.audit.AuditEventType;
import io.verrou.audit.ClientInfo;
import io.verrou.audit.JdbcAuditLog;
import io.verrou.method.AuthMethod;
import io.verrou.method.AuthMethods;
import io.verrou.method.MethodKind;
import io.verrou.tenant.Tenant;
import io.verrou.user.Role;
import io.verrou.user.User;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The Security questions step of the wizard, over HTTP, as a browser without JavaScript uses it. */
@VerrouTest
class QuestionsSetupTests {

    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern EVENT_HANDLER = Pattern.compile("<[^>]+\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
    private static final Pattern STYLE = Pattern.compile("<style|<[^>]+\\sstyle\\s*=", Pattern.CASE_INSENSITIVE);

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;
    @Autowired
    AuthMethods methods;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder encoder;
    @Autowired
    JdbcAuditLog audit;
    @Autowired
    JdbcCustomQuestionRepository customQuestions;
    @Autowired
    SecurityQuestions questions;
    @Autowired
    MutableClock clock;

    @Test
    void thePageOffersOneDropDownAndAnswerPerQuestionThePolicyAsksForUnderTheStepper() {
        TestBrowser browser = signedIn(newUser());

        Page page = browser.get("/register/questions");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.h1()).isEqualTo("Keep your account secure");
        assertThat(page.body()).contains("Method 3 of 3: Questions").contains("<h2>Security questions</h2>")
                .contains("Choose 3 questions and answer them.")
                .contains("<label for=\"question1\">Question 1</label>").contains("<label for=\"answer1\">Answer 1</label>")
                .contains("<label for=\"question3\">Question 3</label>").contains("<label for=\"answer3\">Answer 3</label>")
                .doesNotContain("id=\"question4\"")
                .contains("<option value=\"q01\">What was the name of your first stuffed toy?</option>")
                .contains("<option value=\"q35\">")
                .contains(">Done</button>")
                .contains("I want to set up a different method");
        assertThat(page.error()).isEmpty();
    }

    @Test
    void aPolicyOfFiveQuestionsAsksForFive() {
        Tenant tenant = accounts.newTenantWithDefaultPolicy();
        jdbc.sql("UPDATE tenant_policy SET questions_to_register = 5 WHERE tenant_id = :id").param("id", tenant.id()).update();
        TestBrowser browser = signedIn(accounts.newUser(tenant, "quinn", Role.USER));

        Page page = browser.get("/register/questions");

        assertThat(page.body()).contains("Choose 5 questions").contains("id=\"question5\"").doesNotContain("id=\"question6\"");
        Page missing = browser.post("/register/questions", form("q01", "Mr Snuggles", "q02", "Daft Punk", "q03", "Bambi"));
        assertThat(missing.error()).isEqualTo("Choose a question.");
    }

    @Test
    void theQuestionsAndMessagesAreInThePagesLanguage() {
        TestBrowser browser = new TestBrowser(port).language("fr");
        browser.follow(browser.signIn(newUser().email(), TestAccounts.PASSWORD));

        Page page = browser.get("/register/questions");
        Page refused = browser.post("/register/questions", form("q01", "Nounours", "q02", "Daft Punk", "q01", "Bambi"));

        assertThat(page.h1()).isEqualTo("Protégez votre compte");
        assertThat(page.body()).contains("Questions de sécurité").contains("Comment s’appelait votre première peluche\u00a0?")
                .contains("Réponse 1");
        assertThat(refused.error()).isEqualTo("Vous avez déjà choisi cette question. Choisissez-en une autre.");
    }

    @Test
    void aQuestionChosenTwiceIsRefusedAndWhatWasTypedIsKept() {
        User user = newUser();
        TestBrowser browser = signedIn(user);
        browser.get("/register/questions");

        Page refused = browser.post("/register/questions", form("q01", "Mr Snuggles", "q02", "Daft Punk", "q01", "Bambi"));

        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.error()).isEqualTo("You already chose this question. Choose a different one.");
        assertThat(refused.body()).contains("id=\"question3-error\"").contains("aria-describedby=\"question3-error\"")
                .contains("value=\"Mr Snuggles\"").contains("value=\"Daft Punk\"").contains("value=\"Bambi\"");
        assertThat(selected(refused, "q01")).isEqualTo(2);
        assertThat(selected(refused, "q02")).isEqualTo(1);
        assertThat(methods.of(user.id())).isEmpty();
        assertThat(answerRows(user)).isEmpty();
    }

    @Test
    void theSameAnswerTwiceIsRefusedWhateverItsCaseAccentsOrSpaces() {
        User user = newUser();
        TestBrowser browser = signedIn(user);
        browser.get("/register/questions");

        Page refused = browser.post("/register/questions", form("q01", "Élodie Dupont", "q02", "ELODIE   dupont", "q03", "Bambi"));

        assertThat(refused.error()).isEqualTo(
                "You already gave this answer to another question. Give a different answer to each question.");
        assertThat(refused.body()).contains("id=\"answer2-error\"").contains("aria-describedby=\"answers-hint answer2-error\"");
        assertThat(methods.of(user.id())).isEmpty();
    }

    @Test
    void anAnswerShorterThanThreeCharactersIsRefused() {
        User user = newUser();
        TestBrowser browser = signedIn(user);
        browser.get("/register/questions");

        Page refused = browser.post("/register/questions", form("q01", "Mr Snuggles", "q02", "ab", "q03", "Bambi"));
        Page tooLong = browser.post("/register/questions", form("q01", "Mr Snuggles", "q02", "x".repeat(41), "q03", "Bambi"));
        Page huge = browser.post("/register/questions", form("q01", "Mr Snuggles", "q02", "x".repeat(10_000), "q03", "Bambi"));

        assertThat(refused.error()).isEqualTo("This answer is too short. Use at least 3 characters.");
        assertThat(tooLong.error()).isEqualTo("This answer is too long. Use at most 40 characters.");
        assertThat(huge.status()).isEqualTo(200);
        assertThat(huge.error()).isEqualTo("This answer is too long. Use at most 40 characters.");
        assertThat(huge.body()).doesNotContain("x".repeat(101));
        assertThat(methods.of(user.id())).isEmpty();
    }

    @Test
    void anAnswerMayBeNeitherTheQuestionNorTheUserName() {
        TestBrowser browser = signedIn(newUser());
        browser.get("/register/questions");

        Page question = browser.post("/register/questions",
                form("q02", "What was the first concert you went to", "q01", "Mr Snuggles", "q03", "Bambi"));
        Page userName = browser.post("/register/questions", form("q01", "Mr Snuggles", "q02", "Daft Punk", "q03", "QUINN"));

        assertThat(question.error()).isEqualTo("Your answer can’t contain the question. Answer it instead.");
        assertThat(userName.error()).isEqualTo("Your answer can’t be your user name. Choose an answer only you would know.");
    }

    @Test
    void oddInputGetsAClearMessageNeverAServerError() {
        TestBrowser browser = signedIn(newUser());
        browser.get("/register/questions");

        Page unknown = browser.post("/register/questions", form("q99", "Mr Snuggles", "' OR 1=1 --", "Daft Punk", "x".repeat(5_000), "Bambi"));
        Page nothing = browser.post("/register/questions");

        assertThat(unknown.status()).isEqualTo(200);
        assertThat(unknown.error()).isEqualTo("Choose a question.");
        assertThat(nothing.status()).isEqualTo(200);
        assertThat(nothing.error()).isEqualTo("Choose a question.");
    }

    @Test
    void registeringAddsOneSecurityQuestionsMethodAndStoresOnlyHashesOfTheNormalisedAnswers() {
        User user = newUser();
        TestBrowser browser = signedIn(user);
        browser.get("/register/questions");
        String first = "Élodie Dupont " + unique();
        String second = "Daft Punk " + unique();
        String third = "Bambi " + unique();

        Page done = browser.post("/register/questions", form("q01", first, "q05", second, "q12", third));

        // The default policy still wants an app and a phone: the wizard goes on to them.
        assertThat(done.location()).endsWith("/register/setup");
        assertThat(browser.get("/register/setup").location()).endsWith("/register/authenticator");
        assertThat(methods.of(user.id())).singleElement().satisfies(method -> {
            assertThat(method.kind()).isEqualTo(MethodKind.of("questions"));
            assertThat(method.label()).isEqualTo("Security questions");
            assertThat(method.isDefault()).isFalse();
            assertThat(method.detail()).isEmpty();
        });
        assertThat(audit.forUser(user.id(), 20)).anySatisfy(e -> {
            assertThat(e.event().type()).isEqualTo(AuditEventType.METHOD_ADDED);
            assertThat(e.event().detail()).contains("questions");
        });
        List<Map<String, Object>> rows = answerRows(user);
        assertThat(rows).extracting(r -> r.get("question_id")).containsExactlyInAnyOrder("q01", "q05", "q12");
        Map<String, String> typed = Map.of("q01", first, "q05", second, "q12", third);
        assertThat(rows).allSatisfy(row -> {
            String questionId = (String) row.get("question_id");
            String hash = (String) row.get("answer_hash");
            String answer = typed.get(questionId);
            assertThat(hash).startsWith("{argon2}$argon2id$")
                    .doesNotContainIgnoringCase(answer)
                    .doesNotContainIgnoringCase(AnswerNormaliser.normalise(answer))
                    .doesNotContainIgnoringCase(answer.substring(0, 5));
            assertThat(encoder.matches(AnswerNormaliser.normalise(answer), hash)).isTrue();
        });
        assertThat(encoder.matches(first, hash(rows, "q01"))).as("only the normalised form is hashed").isFalse();
    }

    @Test
    void questionsAreNeverChangedOnlyDeletedAndRegisteredAgain() {
        User user = newUser();
        TestBrowser browser = signedIn(user);
        browser.get("/register/questions");
        browser.post("/register/questions", form("q01", "Mr Snuggles", "q02", "Daft Punk", "q03", "Bambi"));
        AuthMethod first = methods.of(user.id()).get(0);

        assertThat(browser.get("/register/questions").location()).as("one set at most").endsWith("/register/setup");
        // What Security info's Delete does.
        methods.delete(user, first.id(), ClientInfo.system());
        questions.delete(user.id());
        assertThat(browser.get("/register/questions").status()).isEqualTo(200);
        Page again = browser.post("/register/questions", form("q04", "Pancakes", "q05", "Matilda", "q06", "Zorglub"));

        assertThat(again.location()).endsWith("/register/setup");
        assertThat(methods.of(user.id())).singleElement().satisfies(method -> {
            assertThat(method.kind()).isEqualTo(MethodKind.of("questions"));
            assertThat(method.id()).isNotEqualTo(first.id());
        });
        List<Map<String, Object>> rows = answerRows(user);
        assertThat(rows).extracting(r -> r.get("question_id")).containsExactlyInAnyOrder("q04", "q05", "q06");
        assertThat(encoder.matches("pancakes", hash(rows, "q04"))).isTrue();
    }

    @Test
    void anAdminIsNeverOfferedQuestions() {
        User admin = accounts.newUser(accounts.newTenantWithDefaultPolicy(), "ada", Role.ADMIN);
        TestBrowser browser = signedIn(admin);

        Page page = browser.get("/register/questions");
        Page posted = browser.post("/register/questions", form("q01", "Mr Snuggles", "q02", "Daft Punk", "q03", "Bambi"));

        assertThat(page.location()).endsWith("/register/setup");
        assertThat(posted.location()).endsWith("/register/setup");
        assertThat(methods.of(admin.id())).isEmpty();
        assertThat(answerRows(admin)).isEmpty();
    }

    @Test
    void anOrganisationThatTurnedQuestionsOffDoesNotOfferThem() {
        Tenant tenant = accounts.newTenantWithDefaultPolicy();
        jdbc.sql("UPDATE tenant_method_policy SET enabled = FALSE WHERE tenant_id = :id AND method = 'questions'")
                .param("id", tenant.id()).update();
        TestBrowser browser = signedIn(accounts.newUser(tenant, "quinn", Role.USER));

        assertThat(browser.get("/register/questions").location()).endsWith("/register/setup");
    }

    @Test
    void anOrganisationsOwnQuestionsAreOfferedAsWrittenAndCanBeAnswered() {
        Tenant tenant = accounts.newTenantWithDefaultPolicy();
        CustomQuestion room = added(tenant, "Which meeting room did you book first here?");
        CustomQuestion markup = added(tenant, "Is <b>this</b> shown as text?");
        User user = accounts.newUser(tenant, "quinn", Role.USER);
        TestBrowser browser = signedIn(user);

        Page page = browser.get("/register/questions");
        Page done = browser.post("/register/questions", form(room.id().toString(), "Salle Volta", "q01", "Mr Snuggles", "q02", "Daft Punk"));

        assertThat(page.body()).contains("Your organisation’s questions")
                .contains("<option value=\"" + room.id() + "\">Which meeting room did you book first here?</option>")
                .contains("Is &lt;b&gt;this&lt;/b&gt; shown as text?").doesNotContain("<b>this</b>")
                .contains(markup.id().toString());
        assertThat(done.location()).endsWith("/register/setup");
        assertThat(answerRows(user)).extracting(r -> r.get("question_id")).contains(room.id().toString());
        assertThat(signedIn(newUser()).get("/register/questions").body()).doesNotContain(room.id().toString())
                .doesNotContain("Your organisation’s questions");
    }

    @Test
    void someoneWhoHasASignInMethodMustProveItBeforeAddingQuestions() {
        User user = newUser();
        new TestRegistrations(port, clock).register(user);
        TestBrowser browser = new TestBrowser(port);
        browser.follow(browser.signIn(user.email(), TestAccounts.PASSWORD));

        Page page = browser.get("/register/questions");
        Page posted = browser.post("/register/questions", form("q01", "Mr Snuggles", "q02", "Daft Punk", "q03", "Bambi"));

        assertThat(page.status()).as("sent to prove the second factor first").isEqualTo(302);
        assertThat(page.location()).endsWith("/signin/verify");
        assertThat(posted.status()).isEqualTo(302);
        assertThat(posted.location()).endsWith("/signin/verify");
        assertThat(methods.of(user.id())).extracting(AuthMethod::kind).doesNotContain(MethodKind.of("questions"));
        assertThat(answerRows(user)).isEmpty();
    }

    @Test
    void thePagesCarryNoInlineScriptStyleOrEventHandler() {
        TestBrowser browser = signedIn(newUser());
        List<Page> pages = new ArrayList<>();
        pages.add(browser.get("/register/questions"));
        pages.add(browser.get("/register/questions?lang=fr"));
        pages.add(browser.post("/register/questions", form("q01", "ab", "q01", "ab", "", "")));

        assertThat(pages).allSatisfy(page -> {
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.header("Content-Security-Policy")).isPresent();
            assertThat(INLINE_SCRIPT.matcher(page.body()).find()).as("inline script").isFalse();
            assertThat(EVENT_HANDLER.matcher(page.body()).find()).as("event handler attribute").isFalse();
            assertThat(STYLE.matcher(page.body()).find()).as("inline style").isFalse();
        });
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void answersReachNeitherTheLogNorTheAuditTrail(CapturedOutput output) {
        User user = newUser();
        TestBrowser browser = signedIn(user);
        browser.get("/register/questions");
        String secret = "Zorglub" + unique();
        browser.post("/register/questions", form("q01", secret, "q02", secret, "q03", "ab"));
        browser.post("/register/questions", form("q01", secret, "q02", "Daft Punk", "q03", "Bambi"));

        assertThat(methods.of(user.id())).hasSize(1);
        assertThat(output.getAll()).doesNotContainIgnoringCase(secret);
        assertThat(audit.forUser(user.id(), 50)).extracting(AuditEntry::toString)
                .noneSatisfy(entry -> assertThat(entry).containsIgnoringCase(secret));
    }

    // ---- helpers ----

    private User newUser() {
        return accounts.newUser(accounts.newTenantWithDefaultPolicy(), "quinn", Role.USER);
    }

    /** Signed in and stopped at "More information required", whose form gave the browser a CSRF token. */
    private TestBrowser signedIn(User user) {
        TestBrowser browser = new TestBrowser(port);
        Page landed = browser.signIn(user.email(), TestAccounts.PASSWORD);
        assertThat(landed.location()).endsWith("/register");
        assertThat(browser.follow(landed).h1()).isEqualTo("More information required");
        return browser;
    }

    private CustomQuestion added(Tenant tenant, String text) {
        return ((JdbcCustomQuestionRepository.AddResult.Added) customQuestions.add(tenant.id(), text)).question();
    }

    private List<Map<String, Object>> answerRows(User user) {
        return jdbc.sql("SELECT question_id, answer_hash FROM security_answer WHERE user_id = :id")
                .param("id", user.id()).query().listOfRows().stream()
                .map(row -> Map.of("question_id", value(row, "question_id"), "answer_hash", value(row, "answer_hash")))
                .toList();
    }

    /** Column names come back in upper case from H2 and lower case from PostgreSQL. */
    private static Object value(Map<String, Object> row, String column) {
        return row.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(column)).findFirst().orElseThrow().getValue();
    }

    private static String hash(List<Map<String, Object>> rows, String questionId) {
        return rows.stream().filter(r -> questionId.equals(r.get("question_id"))).findFirst()
                .map(r -> (String) r.get("answer_hash")).orElseThrow();
    }

    private static long selected(Page page, String questionId) {
        return Pattern.compile("<option value=\"" + questionId + "\" selected=\"selected\">").matcher(page.body()).results().count();
    }

    private static String[] form(String... questionsAndAnswers) {
        String[] fields = new String[questionsAndAnswers.length * 2];
        for (int i = 0; i < questionsAndAnswers.length / 2; i++) {
            fields[4 * i] = "question" + (i + 1);
            fields[4 * i + 1] = questionsAndAnswers[2 * i];
            fields[4 * i + 2] = "answer" + (i + 1);
            fields[4 * i + 3] = questionsAndAnswers[2 * i + 1];
        }
        return fields;
    }

    private static String unique() {
        return Long.toString(System.nanoTime(), 36);
    }
}
