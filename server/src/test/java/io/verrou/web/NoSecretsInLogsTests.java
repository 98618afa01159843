package io.verrou.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.verrou.TestAccounts;
import io.verrou.TestBrowser;
import io.verrou.VerrouTest;
import io.verrou.user.User;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@VerrouTest
@ExtendWith(OutputCaptureExtension.class)
class NoSecretsInLogsTests {

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;
    @Autowired
    JdbcClient jdbc;

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
}
