package io.verrou.method.questions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import io.verrou.MutableClock;
import io.verrou.TestAccounts;
import io.verrou.VerrouTest;
import io.verrou.method.questions.JdbcCustomQuestionRepository.AddResult;
import io.verrou.tenant.Tenant;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** An organisation's own questions: 3 to 200 characters, at most 20, no two alike, seen by no other organisation. */
@VerrouTest
class CustomQuestionsTests {

    @Autowired
    TestAccounts accounts;
    @Autowired
    JdbcCustomQuestionRepository customQuestions;
    @Autowired
    MutableClock clock;

    @Test
    void addedQuestionsAreListedOldestFirstWithTheirSpacesTidied() {
        Tenant tenant = accounts.newTenantWithDefaultPolicy();

        AddResult first = customQuestions.add(tenant.id(), "  Which meeting room   did you book first?  ");
        clock.advance(Duration.ofSeconds(1));
        AddResult second = customQuestions.add(tenant.id(), "Who signed your first expense report?");

        assertThat(first).isInstanceOf(AddResult.Added.class);
        assertThat(second).isInstanceOf(AddResult.Added.class);
        assertThat(customQuestions.list(tenant.id())).extracting(CustomQuestion::text)
                .containsExactly("Which meeting room did you book first?", "Who signed your first expense report?");
        CustomQuestion added = ((AddResult.Added) first).question();
        assertThat(customQuestions.list(tenant.id()).get(0)).isEqualTo(added);
        assertThat(customQuestions.find(tenant.id(), added.id().toString())).contains(added);
    }

    @Test
    void aQuestionHas3To200Characters() {
        Tenant tenant = accounts.newTenantWithDefaultPolicy();

        assertThat(customQuestions.add(tenant.id(), "ab")).isEqualTo(new AddResult.Refused("questions.custom.error.length"));
        assertThat(customQuestions.add(tenant.id(), "  a b  ")).isInstanceOf(AddResult.Added.class);
        assertThat(customQuestions.add(tenant.id(), "q".repeat(200))).isInstanceOf(AddResult.Added.class);
        assertThat(customQuestions.add(tenant.id(), "w".repeat(201))).isEqualTo(new AddResult.Refused("questions.custom.error.length"));
        assertThat(customQuestions.add(tenant.id(), null)).isEqualTo(new AddResult.Refused("questions.custom.error.length"));
    }

    @Test
    void twoHundredCharactersOutsideTheBasicPlaneFitTheColumn() {
        Tenant tenant = accounts.newTenantWithDefaultPolicy();
        String emoji = "\ud83e\uddf8".repeat(199) + "?";

        AddResult added = customQuestions.add(tenant.id(), emoji);

        assertThat(added).isInstanceOf(AddResult.Added.class);
        assertThat(customQuestions.list(tenant.id())).extracting(CustomQuestion::text).containsExactly(emoji);
    }

    @Test
    void invisibleAndControlCharactersAreRefused() {
        Tenant tenant = accounts.newTenantWithDefaultPolicy();

        assertThat(customQuestions.add(tenant.id(), "Which\u200b room?")).isEqualTo(new AddResult.Refused("questions.custom.error.characters"));
        assertThat(customQuestions.add(tenant.id(), "Which\u0000 room?")).isEqualTo(new AddResult.Refused("questions.custom.error.characters"));
        assertThat(customQuestions.add(tenant.id(), "Which\u202e room?")).isEqualTo(new AddResult.Refused("questions.custom.error.characters"));
        assertThat(customQuestions.list(tenant.id())).isEmpty();
    }

    @Test
    void anOrganisationHasAtMostTwentyQuestions() {
        Tenant tenant = accounts.newTenantWithDefaultPolicy();
        for (int i = 1; i <= 20; i++) {
            assertThat(customQuestions.add(tenant.id(), "Question number " + i + "?")).isInstanceOf(AddResult.Added.class);
        }

        AddResult twentyFirst = customQuestions.add(tenant.id(), "Question number 21?");

        assertThat(twentyFirst).isEqualTo(new AddResult.Refused("questions.custom.error.limit"));
        assertThat(customQuestions.list(tenant.id())).hasSize(20);
        assertThat(customQuestions.add(accounts.newTenantWithDefaultPolicy().id(), "Question number 21?"))
                .as("another organisation's count is its own").isInstanceOf(AddResult.Added.class);
    }

    @Test
    void theSameQuestionTwiceIsRefusedWhateverItsCaseAccentsOrSpaces() {
        Tenant tenant = accounts.newTenantWithDefaultPolicy();
        customQuestions.add(tenant.id(), "Quel était le nom de l’équipe ?");

        AddResult again = customQuestions.add(tenant.id(), "QUEL ETAIT LE NOM   DE L’EQUIPE ?");

        assertThat(again).isEqualTo(new AddResult.Refused("questions.custom.error.duplicate"));
        assertThat(customQuestions.list(tenant.id())).hasSize(1);
    }

    @Test
    void anOrganisationSeesOnlyItsOwnQuestions() {
        Tenant mine = accounts.newTenantWithDefaultPolicy();
        Tenant theirs = accounts.newTenantWithDefaultPolicy();
        CustomQuestion their = ((AddResult.Added) customQuestions.add(theirs.id(), "What is our secret handshake?")).question();

        assertThat(customQuestions.list(mine.id())).isEmpty();
        assertThat(customQuestions.find(mine.id(), their.id().toString())).isEmpty();
        assertThat(customQuestions.find(theirs.id(), their.id().toString())).isPresent();
        assertThat(customQuestions.find(theirs.id(), "q01")).isEmpty();
        assertThat(customQuestions.find(theirs.id(), "not-a-uuid-but-thirty-six-characters")).isEmpty();
        assertThat(List.of(their.tenantId())).containsExactly(theirs.id());
    }
}
