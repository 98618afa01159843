package io.verrou.method.questions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import io.verrou.TestAccounts;
import io.verrou.VerrouTest;
import io.verrou.audit.ClientInfo;
import io.verrou.method.AuthMethod;
import io.verrou.method.AuthMethods;
import io.verrou.method.MethodKind;
import io.verrou.method.questions.SecurityQuestions.Registration;
import io.verrou.tenant.Tenant;
import io.verrou.user.Role;
import io.verrou.user.User;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What the password reset portal relies on: questions drawn at random, answers checked, answers deleted. */
@VerrouTest
class SecurityQuestionsTests {

    private static final Map<String, String> ANSWERS = Map.of(
            "q01", "Mr Snuggles", "q07", "Étretat", "q11", "Daft Punk", "q23", "Frère Jacques", "q30", "Chez Paulette");

    @Autowired
    TestAccounts accounts;
    @Autowired
    SecurityQuestions questions;
    @Autowired
    AuthMethods methods;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JdbcCustomQuestionRepository customQuestions;

    @Test
    void questionsAreDrawnAtRandomFromTheOnesThePersonAnsweredEachAtMostOnce() {
        User user = registeredWithFive();

        List<String> asked = questions.askRandom(user.id(), 3, new SplittableRandom(7));

        assertThat(asked).hasSize(3).doesNotHaveDuplicates().isSubsetOf(ANSWERS.keySet());
        assertThat(questions.askRandom(user.id(), 3, new SplittableRandom(7))).as("same draw for the same seed")
                .isEqualTo(asked);
        Set<String> seen = new HashSet<>();
        Set<List<String>> draws = new HashSet<>();
        for (int seed = 0; seed < 60; seed++) {
            List<String> draw = questions.askRandom(user.id(), 3, new SplittableRandom(seed));
            seen.addAll(draw);
            draws.add(draw);
        }
        assertThat(seen).as("every question gets asked").containsExactlyInAnyOrderElementsOf(ANSWERS.keySet());
        assertThat(draws).as("draws differ").hasSizeGreaterThan(10);
    }

    @Test
    void askingForMoreQuestionsThanThePersonAnsweredAsksThemAllAndZeroAsksNone() {
        User user = registeredWithFive();

        assertThat(questions.askRandom(user.id(), 9, new SplittableRandom(1)))
                .containsExactlyInAnyOrderElementsOf(ANSWERS.keySet());
        assertThat(questions.askRandom(user.id(), 0, new SplittableRandom(1))).isEmpty();
        assertThat(questions.askRandom(accounts.newUser().id(), 3, new SplittableRandom(1))).isEmpty();
        assertThatThrownBy(() -> questions.askRandom(user.id(), -1, new SplittableRandom(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rightAnswersAreAcceptedWhateverTheirCaseAccentsOrSpaces() {
        User user = registeredWithFive();

        assertThat(questions.verify(user.id(), ANSWERS)).isTrue();
        assertThat(questions.verify(user.id(), Map.of("q07", "  ETRETAT ", "q23", "frere   jacques", "q30", "chez paulette")))
                .isTrue();
    }

    @Test
    void anyWrongAnswerFailsTheWholeSet() {
        User user = registeredWithFive();

        assertThat(questions.verify(user.id(), Map.of("q01", "Mr Snuggles", "q07", "Etretat", "q11", "Daft Punks"))).isFalse();
        assertThat(questions.verify(user.id(), Map.of("q01", "Mr Snugles"))).isFalse();
        assertThat(questions.verify(user.id(), Map.of("q01", ""))).isFalse();
    }

    @Test
    void aQuestionThePersonDidNotAnswerOrNoQuestionAtAllFails() {
        User user = registeredWithFive();

        assertThat(questions.verify(user.id(), Map.of("q01", "Mr Snuggles", "q02", "Mr Snuggles"))).isFalse();
        assertThat(questions.verify(user.id(), Map.of())).isFalse();
        assertThat(questions.verify(accounts.newUser().id(), Map.of("q01", "Mr Snuggles"))).isFalse();
    }

    @Test
    void anotherPersonsAnswersDoNotCount() {
        User one = registeredWithFive();
        Map<String, String> others = Map.of("q01", "Teddy", "q07", "Biarritz", "q11", "Nirvana", "q23", "Au clair de la lune",
                "q30", "Le Bazar");
        User other = registered(others);

        assertThat(questions.verify(other.id(), others)).isTrue();
        assertThat(questions.verify(one.id(), others)).isFalse();
        assertThat(questions.verify(other.id(), ANSWERS)).isFalse();
    }

    @Test
    void deletingRemovesEveryAnswer() {
        User user = registeredWithFive();

        questions.delete(user.id());

        assertThat(questions.registeredCount(user.id())).isZero();
        assertThat(questions.verify(user.id(), ANSWERS)).isFalse();
        assertThat(questions.askRandom(user.id(), 3, new SplittableRandom(1))).isEmpty();
    }

    @Test
    void registeringAgainReplacesTheWholeSetAndKeepsOneMethod() {
        User user = registeredWithFive();
        AuthMethod method = methods.of(user.id()).get(0);
        List<QuestionAnswer> others = List.of(row("q02", "Teddy"), row("q03", "Biarritz"), row("q04", "Nirvana"),
                row("q05", "Au clair de la lune"), row("q06", "Le Bazar"));

        Registration again = questions.register(user, others, ClientInfo.system());

        assertThat(again).isEqualTo(new Registration.Registered(method.id()));
        assertThat(methods.of(user.id())).extracting(AuthMethod::id).containsExactly(method.id());
        assertThat(questions.askRandom(user.id(), 9, new SplittableRandom(1)))
                .containsExactlyInAnyOrder("q02", "q03", "q04", "q05", "q06");
        assertThat(questions.verify(user.id(), Map.of("q02", "teddy"))).isTrue();
        assertThat(questions.verify(user.id(), Map.of("q01", "Mr Snuggles"))).isFalse();
    }

    @Test
    void answersLeftBehindByADeletedMethodNoLongerCount() {
        User user = registeredWithFive();

        methods.delete(user, methods.of(user.id()).get(0).id(), ClientInfo.system());

        assertThat(questions.verify(user.id(), ANSWERS)).isFalse();
        assertThat(questions.askRandom(user.id(), 3, new SplittableRandom(1))).isEmpty();
        assertThat(questions.registeredCount(user.id())).isZero();
    }

    @Test
    void aRefusedSetChangesNothing() {
        User user = newUser();

        Registration refused = questions.register(user, List.of(row("q01", "Mr Snuggles"), row("q02", "mr  SNUGGLES"),
                row("q03", "Bambi")), ClientInfo.system());

        assertThat(refused).isInstanceOf(Registration.Refused.class);
        assertThat(((Registration.Refused) refused).check().rows().get(1).answerError())
                .contains("questions.error.answer.duplicate");
        assertThat(methods.of(user.id())).isEmpty();
        assertThat(questions.registeredCount(user.id())).isZero();
    }

    @Test
    void adminsCanNeverRegisterQuestions() {
        User admin = accounts.newUser(accounts.newTenantWithDefaultPolicy(), "ada", Role.ADMIN);

        assertThatThrownBy(() -> questions.register(admin, List.of(row("q01", "Mr Snuggles"), row("q02", "Daft Punk"),
                row("q03", "Bambi")), ClientInfo.system())).isInstanceOf(IllegalArgumentException.class);
        assertThat(questions.registeredCount(admin.id())).isZero();
    }

    @Test
    void aPolicyOutsideThreeToFiveIsKeptWithinIt() {
        Tenant few = accounts.newTenantWithDefaultPolicy();
        Tenant many = accounts.newTenantWithDefaultPolicy();
        jdbc.sql("UPDATE tenant_policy SET questions_to_register = 1 WHERE tenant_id = :id").param("id", few.id()).update();
        jdbc.sql("UPDATE tenant_policy SET questions_to_register = 9 WHERE tenant_id = :id").param("id", many.id()).update();

        assertThat(questions.toRegister(few.id())).isEqualTo(3);
        assertThat(questions.toRegister(many.id())).isEqualTo(5);
        assertThat(questions.toRegister(accounts.newTenantWithDefaultPolicy().id())).isEqualTo(3);
    }

    @Test
    void aQuestionsTextComesInTheLanguageAskedForAndAnOrganisationsOwnAsWritten() {
        User user = newUser();
        CustomQuestion custom = ((JdbcCustomQuestionRepository.AddResult.Added) customQuestions.add(user.tenantId(),
                "Which floor was your first desk on?")).question();

        assertThat(questions.text(user.tenantId(), "q01", Locale.ENGLISH)).contains("What was the name of your first stuffed toy?");
        assertThat(questions.text(user.tenantId(), "q01", Locale.FRENCH)).contains("Comment s’appelait votre première peluche\u00a0?");
        assertThat(questions.text(user.tenantId(), custom.id().toString(), Locale.FRENCH)).contains("Which floor was your first desk on?");
        assertThat(questions.text(accounts.newTenantWithDefaultPolicy().id(), custom.id().toString(), Locale.ENGLISH)).isEmpty();
        assertThat(questions.text(user.tenantId(), "q99", Locale.ENGLISH)).isEmpty();
        assertThat(questions.choices(user.tenantId(), Locale.ENGLISH)).last()
                .isEqualTo(new SecurityQuestion(custom.id().toString(), "Which floor was your first desk on?", true));
    }

    // ---- helpers ----

    private User newUser() {
        return accounts.newUser(accounts.newTenantWithDefaultPolicy(), "quinn", Role.USER);
    }

    private User registeredWithFive() {
        return registered(ANSWERS);
    }

    /** Someone whose organisation asks for five questions, who answered them so. */
    private User registered(Map<String, String> answers) {
        Tenant tenant = accounts.newTenantWithDefaultPolicy();
        jdbc.sql("UPDATE tenant_policy SET questions_to_register = 5 WHERE tenant_id = :id").param("id", tenant.id()).update();
        User user = accounts.newUser(tenant, "quinn", Role.USER);
        List<QuestionAnswer> rows = answers.entrySet().stream().map(e -> row(e.getKey(), e.getValue())).toList();
        Registration result = questions.register(user, rows, ClientInfo.system());
        assertThat(result).isInstanceOf(Registration.Registered.class);
        assertThat(methods.of(user.id())).extracting(AuthMethod::kind).containsExactly(MethodKind.of("questions"));
        return user;
    }

    private static QuestionAnswer row(String questionId, String answer) {
        return new QuestionAnswer(questionId, answer);
    }
}
