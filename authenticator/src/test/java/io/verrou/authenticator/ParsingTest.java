package io.verrou.authenticator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParsingTest {

    @Test
    void activationCodeIgnoresSpacesHyphensAndCase() {
        assertThat(ActivationCode.parse(" abcd EFGH-ijkl mnop\tQRST-uvwx ").value())
                .isEqualTo("ABCDEFGHIJKLMNOPQRSTUVWX");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ABCDEFGHIJKLMNOPQRSTUVW", "ABCDEFGHIJKLMNOPQRSTUVWXY", "ABCDEFGHIJKLMNOPQRSTUVW1",
        "ABCDEFGHIJKLMNOPQRSTUVW8", ""})
    void activationCodeMustBeTwentyFourBase32Characters(String text) {
        assertThatThrownBy(() -> ActivationCode.parse(text))
                .isInstanceOf(AuthenticatorException.class)
                .hasMessageContaining("24 characters");
    }

    @Test
    void activationCodeDoesNotShowItselfInToString() {
        assertThat(ActivationCode.parse("ABCDEFGHIJKLMNOPQRSTUVWX").toString()).doesNotContain("ABCD");
    }

    @Test
    void serverUrlIsCanonical() {
        assertThat(ServerUrl.parse(" HTTPS://Verrou.Contoso.Example:443/ ").value())
                .isEqualTo("https://verrou.contoso.example");
        assertThat(ServerUrl.parse("http://127.0.0.1:8080").value()).isEqualTo("http://127.0.0.1:8080");
        assertThat(ServerUrl.parse("http://localhost:80/verrou//").value()).isEqualTo("http://localhost/verrou");
    }

    @Test
    void apiUrisAreUnderTheVersionOnePath() {
        assertThat(ServerUrl.parse("https://verrou.contoso.example/").api("/requests/pending?wait=30"))
                .hasToString("https://verrou.contoso.example/api/authenticator/v1/requests/pending?wait=30");
    }

    @ParameterizedTest
    @ValueSource(strings = {"verrou.contoso.example", "ftp://verrou.contoso.example", "https://user:pw@host",
        "https://host/?a=b", "https://host/#x", "https://", "not a url"})
    void serverUrlMustBeAnHttpUrlOfAHost(String text) {
        assertThatThrownBy(() -> ServerUrl.parse(text)).isInstanceOf(AuthenticatorException.class);
    }

    @Test
    void plainHttpIsOnlyQuietForThisMachine() {
        assertThat(ServerUrl.parse("http://localhost:8080").isPlainHttpToAnotherHost()).isFalse();
        assertThat(ServerUrl.parse("http://127.0.0.1:8080").isPlainHttpToAnotherHost()).isFalse();
        assertThat(ServerUrl.parse("http://verrou.contoso.example").isPlainHttpToAnotherHost()).isTrue();
        assertThat(ServerUrl.parse("https://verrou.contoso.example").isPlainHttpToAnotherHost()).isFalse();
    }

    @Test
    void activationUriGivesTheDecodedUrlAndCode() {
        ActivationUri uri = ActivationUri.parse("verrou-authenticator://activate?url=https%3A%2F%2Fverrou.contoso"
                + ".example%3A8443&code=ABCD%20EFGH%20IJKL%20MNOP%20QRST%20UVWX");

        assertThat(uri.server().value()).isEqualTo("https://verrou.contoso.example:8443");
        assertThat(uri.code().value()).isEqualTo("ABCDEFGHIJKLMNOPQRSTUVWX");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://verrou.contoso.example", "verrou-authenticator://activate",
        "verrou-authenticator://other?url=https%3A%2F%2Fa&code=ABCDEFGHIJKLMNOPQRSTUVWX",
        "verrou-authenticator://activate?url=https%3A%2F%2Fa",
        "verrou-authenticator://activate?url=https%3A%2F%2Fa&code=ABCDEFGHIJKLMNOPQRSTUVWX&url=https%3A%2F%2Fb",
        "otpauth://totp/Contoso:alice?secret=JBSWY3DPEHPK3PXP"})
    void anythingElseIsNotAnActivation(String text) {
        assertThatThrownBy(() -> ActivationUri.parse(text))
                .isInstanceOf(AuthenticatorException.class)
                .hasMessageContaining("not a Verrou Authenticator activation");
    }

    @Test
    void displayReplacesTerminalControlAndBidiCharacters() {
        assertThat(Display.safe("Firefox\u001b[2J on \u202eLinux\u0007")).isEqualTo("Firefox?[2J on ?Linux?");
        assertThat(Display.safe("Édge — Windows")).isEqualTo("Édge — Windows");
    }
}
