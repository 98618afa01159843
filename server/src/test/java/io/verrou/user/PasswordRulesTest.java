package io.verrou.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;

import io.verrou.TestAccounts;
import io.verrou.VerrouTest;
import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.tenant.Tenant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@VerrouTest
class PasswordRulesTest {

    @Autowired
    PasswordRules rules;
    @Autowired
    JdbcTenantRepository tenants;
    @Autowired
    TestAccounts accounts;

    Tenant contoso;
    User alice;

    @BeforeEach
    void contosoWithAlice() {
        contoso = accounts.newTenantNamed("Contoso");
        alice = accounts.newUser(contoso, "alice", Role.USER);
    }

    @Test
    void aGoodPassphraseBreaksNoRule() {
        assertThat(rules.check(alice, "Orchard-lantern-figs-94")).isEmpty();
    }

    @Test
    void aPasswordHasEightTo256Characters() {
        assertThat(rules.check(alice, "Orc-94x")).contains(PasswordProblem.TOO_SHORT);
        assertThat(rules.check(alice, "x".repeat(257))).contains(PasswordProblem.TOO_LONG);
        assertThat(rules.check(alice, "Orchard-lantern-94-" + "x".repeat(237))).isEmpty();
    }

    @Test
    void lengthCountsCharactersNotUtf16Units() {
        // Seven emoji are fourteen UTF-16 units, but seven characters.
        assertThat(rules.check(alice, "\uD83C\uDF4E".repeat(7))).contains(PasswordProblem.TOO_SHORT);
    }

    @Test
    void aCommonPasswordIsRefusedEvenDressedUp() {
        assertThat(rules.check(alice, "Password1!")).contains(PasswordProblem.COMMON);
    }

    @Test
    void aPasswordWithThePersonsNameIsRefused() {
        assertThat(rules.check(alice, "alice2026")).contains(PasswordProblem.NAME);
        assertThat(rules.check(alice, "Orchard-T3ster-94")).contains(PasswordProblem.NAME);
    }

    @Test
    void aPasswordWithTheOrganisationsNameIsRefused() {
        assertThat(rules.check(alice, "C0nt0so!2026")).contains(PasswordProblem.ORGANISATION);
    }

    @Test
    void aPasswordWithATermTheTenantBannedIsRefusedAfterSubstitutions() {
        tenants.updateBannedTerms(contoso.id(), List.of("falcon"));

        assertThat(rules.check(alice, "F@lc0n-Rises-88")).contains(PasswordProblem.BANNED_TERM);
    }

    @Test
    void theCurrentPasswordIsRefused() {
        assertThat(rules.check(alice, TestAccounts.PASSWORD)).contains(PasswordProblem.CURRENT);
    }

    @Test
    void foldingReadsLookAlikesAsLetters() {
        assertThat(PasswordRules.fold("C0nt0so!")).isEqualTo("contosoi");
        assertThat(PasswordRules.fold("\uFF30@$$w0rd|+")).isEqualTo("passwordlt");
    }

    @Test
    void bannedTermsAreStrippedAndKeptOnceWhateverTheirCase() {
        tenants.updateBannedTerms(contoso.id(), List.of(" falcon ", "merlin", "Falcon"));

        assertThat(tenants.bannedTerms(contoso.id())).containsExactly("falcon", "merlin");

        tenants.updateBannedTerms(contoso.id(), List.of("osprey"));

        assertThat(tenants.bannedTerms(contoso.id())).containsExactly("osprey");
    }

    @Test
    void aBannedTermHasFourToSixteenCharacters() {
        assertThatIllegalArgumentException().isThrownBy(() -> tenants.updateBannedTerms(contoso.id(), List.of("owl")));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> tenants.updateBannedTerms(contoso.id(), List.of("x".repeat(17))));
    }
}
