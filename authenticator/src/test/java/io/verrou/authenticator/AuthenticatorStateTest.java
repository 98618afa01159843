package io.verrou.authenticator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthenticatorStateTest {

    private final Account alice = TestAccounts.account("Contoso", "alice@contoso.example",
            "https://verrou.contoso.example", "JBSWY3DPEHPK3PXP");
    private final Account aliceElsewhere = TestAccounts.account("Fabrikam", "alice@contoso.example",
            "https://verrou.fabrikam.example", "GEZDGNBVGY3TQOJQ");
    private final Account bob = TestAccounts.account("Contoso", "bob@contoso.example",
            "https://verrou.contoso.example", "MFRGGZDFMZTWQ2LK");

    @Test
    void withOneAccountTheAccountOptionIsOptional() {
        assertThat(AuthenticatorState.empty().withAccount(alice).select(Optional.empty())).isEqualTo(alice);
    }

    @Test
    void withoutAccountsTheMessageSaysHowToAddOne() {
        assertThatThrownBy(() -> AuthenticatorState.empty().select(Optional.empty()))
                .isInstanceOf(AuthenticatorException.class)
                .hasMessageContaining("activate");
    }

    @Test
    void withSeveralAccountsOneMustBeChosen() {
        AuthenticatorState state = AuthenticatorState.empty().withAccount(alice).withAccount(bob);

        assertThatThrownBy(() -> state.select(Optional.empty()))
                .isInstanceOf(AuthenticatorException.class)
                .hasMessageContaining("--account")
                .hasMessageContaining("Contoso:bob@contoso.example");
        assertThat(state.select(Optional.of("BOB@contoso.example"))).isEqualTo(bob);
    }

    @Test
    void aNameSharedByTwoIssuersNeedsTheIssuer() {
        AuthenticatorState state = AuthenticatorState.empty().withAccount(alice).withAccount(aliceElsewhere);

        assertThatThrownBy(() -> state.select(Optional.of("alice@contoso.example")))
                .isInstanceOf(AuthenticatorException.class)
                .hasMessageContaining("ISSUER:NAME");
        assertThat(state.select(Optional.of("Fabrikam:alice@contoso.example"))).isEqualTo(aliceElsewhere);
    }

    @Test
    void anUnknownNameListsTheAccounts() {
        assertThatThrownBy(() -> AuthenticatorState.empty().withAccount(alice).select(Optional.of("carol")))
                .isInstanceOf(AuthenticatorException.class)
                .hasMessageContaining("No account named 'carol'")
                .hasMessageContaining("Contoso:alice@contoso.example");
    }

    @Test
    void activatingTheSameAccountOnTheSameServerAgainReplacesIt() {
        Account again = TestAccounts.account("Contoso", "alice@contoso.example", "https://verrou.contoso.example",
                "KRSXG5CTMVRXEZLU");

        AuthenticatorState state = AuthenticatorState.empty().withAccount(alice).withAccount(bob).withAccount(again);

        assertThat(state.accounts()).containsExactly(bob, again);
    }
}
