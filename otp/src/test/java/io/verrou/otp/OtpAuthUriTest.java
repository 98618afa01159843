package io.verrou.otp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OtpAuthUriTest {

    /** "Hello!" followed by 0xDEADBEEF, the secret of the Key URI format's own example. */
    private static final byte[] SECRET = Base32.decode("JBSWY3DPEHPK3PXP");

    @Test
    void buildsTheKeyUriFormat() {
        OtpAuthUri uri = OtpAuthUri.totp("Contoso", "alice@contoso.example", SECRET, OtpParameters.defaults());

        assertThat(uri.toUriString()).isEqualTo("otpauth://totp/Contoso:alice@contoso.example"
                + "?secret=JBSWY3DPEHPK3PXP&issuer=Contoso&algorithm=SHA1&digits=6&period=30");
    }

    @Test
    void encodesSpacesAsPercentTwentyNotPlus() {
        OtpAuthUri uri = OtpAuthUri.totp("Contoso Ltd", "alice smith", SECRET, OtpParameters.defaults());

        assertThat(uri.toUriString())
                .startsWith("otpauth://totp/Contoso%20Ltd:alice%20smith?")
                .contains("&issuer=Contoso%20Ltd&")
                .doesNotContain("+");
    }

    @Test
    void encodesReservedAndNonAsciiCharacters() {
        OtpAuthUri uri = OtpAuthUri.totp("A&B Société", "bob+otp@example.com", SECRET, OtpParameters.defaults());

        assertThat(uri.toUriString())
                .startsWith("otpauth://totp/A%26B%20Soci%C3%A9t%C3%A9:bob%2Botp@example.com?")
                .contains("&issuer=A%26B%20Soci%C3%A9t%C3%A9&");
        assertThat(OtpAuthUri.parse(uri.toUriString())).isEqualTo(uri);
    }

    @Test
    void writesTheChosenParameters() {
        OtpParameters parameters = new OtpParameters(HmacAlgorithm.SHA256, 8, 60);
        OtpAuthUri uri = OtpAuthUri.totp("Contoso", "alice@contoso.example", SECRET, parameters);

        assertThat(uri.toUriString()).endsWith("&algorithm=SHA256&digits=8&period=60");
    }

    @Test
    void leavesTheIssuerOutWhenThereIsNone() {
        OtpAuthUri uri = OtpAuthUri.totp("", "alice@contoso.example", SECRET, OtpParameters.defaults());

        assertThat(uri.toUriString()).isEqualTo("otpauth://totp/alice@contoso.example"
                + "?secret=JBSWY3DPEHPK3PXP&algorithm=SHA1&digits=6&period=30");
        assertThat(uri.issuerIfPresent()).isEmpty();
    }

    @Test
    void writesTheCounterInsteadOfThePeriodForHotp() {
        OtpAuthUri uri = OtpAuthUri.hotp("Contoso", "alice@contoso.example", SECRET, OtpParameters.defaults(), 42);

        assertThat(uri.toUriString()).isEqualTo("otpauth://hotp/Contoso:alice@contoso.example"
                + "?secret=JBSWY3DPEHPK3PXP&issuer=Contoso&algorithm=SHA1&digits=6&counter=42");
    }

    @Test
    void readsBackWhatItBuilds() {
        byte[] secret = SecretGenerator.newSecret(new SecureRandom());
        OtpAuthUri built = OtpAuthUri.totp("Contoso Ltd", "alice@contoso.example", secret,
                new OtpParameters(HmacAlgorithm.SHA512, 7, 45));

        OtpAuthUri parsed = OtpAuthUri.parse(built.toUriString());

        assertThat(parsed).isEqualTo(built);
        assertThat(parsed.secret()).isEqualTo(secret);
        assertThat(parsed.parameters()).isEqualTo(new OtpParameters(HmacAlgorithm.SHA512, 7, 45));
    }

    @Test
    void readsBackAnHotpUri() {
        OtpAuthUri built = OtpAuthUri.hotp("Contoso", "alice@contoso.example", SECRET, OtpParameters.defaults(), 7);

        assertThat(OtpAuthUri.parse(built.toUriString())).isEqualTo(built);
    }

    @Test
    void parsesTheKeyUriFormatExample() {
        OtpAuthUri uri = OtpAuthUri.parse(
                "otpauth://totp/Example:alice@google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example");

        assertThat(uri.type()).isEqualTo("totp");
        assertThat(uri.issuer()).isEqualTo("Example");
        assertThat(uri.issuerIfPresent()).contains("Example");
        assertThat(uri.accountName()).isEqualTo("alice@google.com");
        assertThat(uri.secret()).isEqualTo(SECRET);
        assertThat(uri.parameters()).isEqualTo(OtpParameters.defaults());
        assertThat(uri.counter()).isZero();
    }

    @Test
    void takesTheIssuerFromTheLabelWhenTheParameterIsAbsent() {
        OtpAuthUri uri = OtpAuthUri.parse("otpauth://totp/ACME%20Co:john.doe@email.com?secret=JBSWY3DPEHPK3PXP");

        assertThat(uri.issuer()).isEqualTo("ACME Co");
        assertThat(uri.accountName()).isEqualTo("john.doe@email.com");
    }

    @Test
    void prefersTheIssuerParameterToTheLabelPrefix() {
        OtpAuthUri uri = OtpAuthUri.parse("otpauth://totp/Old:alice?secret=JBSWY3DPEHPK3PXP&issuer=New");

        assertThat(uri.issuer()).isEqualTo("New");
        assertThat(uri.accountName()).isEqualTo("alice");
    }

    @Test
    void acceptsALabelThatIsJustTheAccount() {
        OtpAuthUri uri = OtpAuthUri.parse("otpauth://totp/alice@google.com?secret=JBSWY3DPEHPK3PXP");

        assertThat(uri.issuer()).isEmpty();
        assertThat(uri.issuerIfPresent()).isEmpty();
        assertThat(uri.accountName()).isEqualTo("alice@google.com");
    }

    @Test
    void toleratesWhatOtherGeneratorsWrite() {
        OtpAuthUri uri = OtpAuthUri.parse("OTPAUTH://TOTP/ACME%20Co:%20alice@example.com"
                + "?SECRET=jbsw+y3dp+ehpk+3pxp&Issuer=ACME+Co&Algorithm=sha256&Digits=8&Period=60&image=x#top");

        assertThat(uri.type()).isEqualTo("totp");
        assertThat(uri.issuer()).isEqualTo("ACME Co");
        assertThat(uri.accountName()).isEqualTo("alice@example.com");
        assertThat(uri.secret()).isEqualTo(SECRET);
        assertThat(uri.parameters()).isEqualTo(new OtpParameters(HmacAlgorithm.SHA256, 8, 60));
    }

    @Test
    void keepsAPlusInTheLabelLiteral() {
        OtpAuthUri uri = OtpAuthUri.parse("otpauth://totp/Contoso:bob+otp@example.com?secret=JBSWY3DPEHPK3PXP");

        assertThat(uri.accountName()).isEqualTo("bob+otp@example.com");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "",
            "https://example.com/totp/alice?secret=JBSWY3DPEHPK3PXP",
            "otpauth://totp",
            "otpauth://sms/alice?secret=JBSWY3DPEHPK3PXP",
            "otpauth://totp/?secret=JBSWY3DPEHPK3PXP",
            "otpauth://totp/Example:?secret=JBSWY3DPEHPK3PXP",
            "otpauth://totp/alice",
            "otpauth://totp/alice?issuer=Example",
            "otpauth://totp/alice?secret=",
            "otpauth://totp/alice?secret=JBSWY3DP!HPK3PXP",
            "otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&algorithm=MD5",
            "otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&digits=5",
            "otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&digits=six",
            "otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&period=0",
            "otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&period=99999999999",
            "otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&secret=MZXW6YTBOI",
            "otpauth://totp/a%2?secret=JBSWY3DPEHPK3PXP",
            "otpauth://totp/a%C3?secret=JBSWY3DPEHPK3PXP",
            "otpauth://totp/Example:alice:bob?secret=JBSWY3DPEHPK3PXP",
            "otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&issuer=Ex:ample",
            "otpauth://hotp/alice?secret=JBSWY3DPEHPK3PXP",
            "otpauth://hotp/alice?secret=JBSWY3DPEHPK3PXP&counter=-1",
            "otpauth://hotp/alice?secret=JBSWY3DPEHPK3PXP&counter=x",
    })
    void refusesInvalidUris(String text) {
        assertThatThrownBy(() -> OtpAuthUri.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesANullUri() {
        assertThatThrownBy(() -> OtpAuthUri.parse(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void refusesInvalidComponents() {
        OtpParameters p = OtpParameters.defaults();

        assertThatThrownBy(() -> new OtpAuthUri("sms", "Contoso", "alice", SECRET, p, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("type");
        assertThatThrownBy(() -> OtpAuthUri.totp("Con:toso", "alice", SECRET, p))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("issuer");
        assertThatThrownBy(() -> OtpAuthUri.totp("Contoso", " ", SECRET, p))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("account name");
        assertThatThrownBy(() -> OtpAuthUri.totp("Contoso", "a:b", SECRET, p))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("account name");
        assertThatThrownBy(() -> OtpAuthUri.totp("Contoso", "alice", new byte[0], p))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("secret");
        assertThatThrownBy(() -> new OtpAuthUri("totp", "Contoso", "alice", SECRET, p, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("counter");
        assertThatThrownBy(() -> OtpAuthUri.hotp("Contoso", "alice", SECRET, p, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("counter");
        assertThatThrownBy(() -> OtpAuthUri.totp(null, "alice", SECRET, p))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> OtpAuthUri.totp("Contoso", "alice", null, p))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void toStringHidesTheSecret() {
        OtpAuthUri uri = OtpAuthUri.totp("Contoso", "alice@contoso.example", SECRET, OtpParameters.defaults());

        assertThat(uri.toString())
                .contains("Contoso", "alice@contoso.example", "hidden")
                .doesNotContain("JBSWY3DPEHPK3PXP")
                .doesNotContain(java.util.Arrays.toString(SECRET))
                .doesNotContain("[B@");
    }

    @Test
    void comparesTheSecretByContent() {
        OtpAuthUri uri = OtpAuthUri.totp("Contoso", "alice", SECRET, OtpParameters.defaults());
        OtpAuthUri same = OtpAuthUri.totp("Contoso", "alice", SECRET.clone(), OtpParameters.defaults());
        OtpAuthUri otherSecret = OtpAuthUri.totp("Contoso", "alice", Base32.decode("MZXW6YTBOI"),
                OtpParameters.defaults());

        assertThat(uri).isEqualTo(same).hasSameHashCodeAs(same).isNotEqualTo(otherSecret);
    }

    @Test
    void cannotBeChangedThroughTheSecretArray() {
        byte[] secret = SECRET.clone();
        OtpAuthUri uri = OtpAuthUri.totp("Contoso", "alice", secret, OtpParameters.defaults());

        secret[0] ^= 1;
        uri.secret()[1] ^= 1;

        assertThat(uri.secret()).isEqualTo(SECRET);
    }
}
