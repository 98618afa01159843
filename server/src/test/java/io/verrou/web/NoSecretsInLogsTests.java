package io.verrou.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import io.verrou.Page;
import io.verrou.TestAccounts;
import io.verrou.TestBrowser;
import io.verrou.VerrouTest;
import io.verrou.audit.ClientInfo;
import io.verrou.method.questions.QuestionAnswer;
import io.verrou.method.questions.QuestionCatalogue;
import io.verrou.method.questions.SecurityQuestions;
import io.verrou.passwordreset.ResetPortal;
import io.verrou.user.Role;
import io.verrou.user.User;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.util.HtmlUtils;

@VerrouTest
@ExtendWith(OutputCaptureExtension.class)
class NoSecretsInLogsTests {

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    SecurityQuestions questions;

    @Test
    void passwordsTypedAtSignInReachNeitherTheLogNorTheAuditTrail(CapturedOutput output) {
        User user = accounts.newUser();
        String wrong = "Wr0ng-" + System.nanoTime();
        TestBrowser browser = new TestBrowser(port);
        browser.signIn(user.email(), wrong);
        for (int i = 0; i < 10; i++) {
            browser.post("/signin/password", "password", wrong + "-" + i);
        }
        new TestBrowser(port).signIn(user.email(), TestAccounts.PASSWORD);

        assertThat(output.getAll()).contains("locked").doesNotContain(wrong).doesNotContain(TestAccounts.PASSWORD);
        String auditText = String.join("\n", jdbc.sql("""
                SELECT CONCAT(actor, '|', COALESCE(reason, ''), '|', COALESCE(detail, ''), '|', user_agent)
                FROM audit_event""").query(String.class).list());
        assertThat(auditText).contains(user.email()).doesNotContain(wrong).doesNotContain(TestAccounts.PASSWORD);
    }

    @Test
    void answersAndPasswordsOfAResetReachNeitherTheLogNorTheAuditTrail(CapturedOutput output) {
        User carol = accounts.newUser(accounts.newTenantWithDefaultPolicy(), "carol", Role.USER);
        String answer = "Answer-" + System.nanoTime();
        List<String> ids = QuestionCatalogue.ids();
        questions.register(carol, List.of(new QuestionAnswer(ids.get(0), answer + "a"),
                new QuestionAnswer(ids.get(1), answer + "b"), new QuestionAnswer(ids.get(2), answer + "c")), ClientInfo.system());
        TestBrowser browser = new TestBrowser(port);
        ResetPortal.choose(browser, carol.email(), "questions");
        Page asked = browser.post("/passwordreset/verify/questions", "answer0", answer + "x", "answer1", answer + "y",
                "answer2", answer + "z");
        List<String> right = ids.subList(0, 3).stream()
                .sorted(Comparator.comparingInt(id -> asked.body().indexOf(HtmlUtils.htmlEscape(
                        questions.text(carol.tenantId(), id, Locale.ENGLISH).orElseThrow()))))
                .map(id -> answer + "abc".charAt(ids.indexOf(id)))
                .toList();
        browser.follow(browser.post("/passwordreset/verify/questions", "answer0", right.get(0), "answer1", right.get(1),
                "answer2", right.get(2)));
        String refused = "carol-" + System.nanoTime();
        String chosen = "Quiet-" + System.nanoTime() + "-harbour";
        assertThat(browser.post("/passwordreset/password", "password", refused, "confirmation", refused).error())
                .contains("Don’t use your name");
        assertThat(browser.post("/passwordreset/password", "password", chosen, "confirmation", chosen).isRedirect()).isTrue();

        assertThat(output.getAll()).doesNotContain(answer).doesNotContain(refused).doesNotContain(chosen);
        String auditText = String.join("\n", jdbc.sql("""
                SELECT CONCAT(actor, '|', COALESCE(reason, ''), '|', COALESCE(detail, ''), '|', user_agent)
                FROM audit_event""").query(String.class).list());
        assertThat(auditText).contains(carol.email(), "questions_wrong_answers", carol.email() + "|name|")
                .doesNotContain(answer).doesNotContain(refused).doesNotContain(chosen);
    }
}
