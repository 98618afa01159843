package io.verrou.method.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class EmailAddressesTest {

    private static final List<String> CONTOSO = List.of("contoso.example");

    @Test
    void anAddressOfTheOrganisationOrOfItsSubdomainsIsRefused() {
        assertThat(EmailAddresses.check("alice.perso@contoso.example", CONTOSO).messageKey()).isEqualTo("emailmethod.ownDomain");
        assertThat(EmailAddresses.check("Alice@Mail.Contoso.Example", CONTOSO).messageKey()).isEqualTo("emailmethod.ownDomain");
    }

    @Test
    void aLookAlikeDomainIsNotTheOrganisations() {
        assertThat(EmailAddresses.check("alice@notcontoso.example", CONTOSO).address()).contains("alice@notcontoso.example");
    }

    @Test
    void aPersonalAddressIsKeptNormalised() {
        assertThat(EmailAddresses.check("  Alice.Martin@Example.ORG ", CONTOSO).address()).contains("alice.martin@example.org");
    }

    @Test
    void emptyAndMalformedAddressesSayWhy() {
        assertThat(EmailAddresses.check("", CONTOSO).messageKey()).isEqualTo("emailmethod.required");
        assertThat(EmailAddresses.check("x".repeat(10_000), CONTOSO).messageKey()).isEqualTo("emailmethod.invalid");
    }
}
