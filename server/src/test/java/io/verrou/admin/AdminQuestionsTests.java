package io.verrou.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.verrou.Page;
import io.verrou.TestBrowser;
import io.verrou.TestRegistrations.Registered;
import io.verrou.VerrouTest;
import io.verrou.user.Role;

import org.junit.jupiter.api.Test;

/** Security questions in the admin console (SPEC S9, S11): how many, and the organisation's own. */
@VerrouTest
class AdminQuestionsTests extends AdminConsoleTest {

    @Test
    void theCountsAreSavedWhenTheyMakeSenseAndExplainedWhenNot() {
        TestBrowser browser = registrations.signedIn(admin);
        assertThat(browser.get("/admin/questions").h1()).isEqualTo("Security questions");
        assertThat(browser.post("/admin/questions/counts", "register", "5", "reset", "4").location())
                .endsWith("/admin/questions?saved");
        assertThat(tenants.policy(contoso.id()).questionsToRegister()).isEqualTo(5);
        assertThat(tenants.policy(contoso.id()).questionsToReset()).isEqualTo(4);

        browser.get("/admin/questions");
        Page refused = browser.post("/admin/questions/counts", "register", "3", "reset", "4");
        assertThat(refused.error()).contains("3 up to that number");
        assertThat(tenants.policy(contoso.id()).questionsToReset()).isEqualTo(4);
    }

    @Test
    void anOrganisationsOwnQuestionIsOfferedToItsPeople() {
        TestBrowser browser = registrations.signedIn(admin);
        browser.get("/admin/questions");
        assertThat(browser.follow(browser.post("/admin/questions/custom", "text", "Which meeting room did you book first?"))
                .body()).contains("Question added.", "Which meeting room did you book first?");
        browser.get("/admin/questions");
        Page duplicate = browser.post("/admin/questions/custom", "text", "which meeting room did you BOOK first?");
        assertThat(duplicate.error()).contains("already has this question");
        assertThat(browser.post("/admin/questions/custom", "text", "x".repeat(5000)).error()).contains("3 to 200 characters");

        Registered alice = registrations.register(accounts.newUser(contoso, "alice", Role.USER));
        TestBrowser aliceBrowser = registrations.signedIn(alice);
        assertThat(aliceBrowser.get("/register/questions").body()).contains("Which meeting room did you book first?");
    }
}
