package io.verrou.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Locale;

import io.verrou.VerrouTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The emails as the application's own template engine writes them, in English and French. */
@VerrouTest
class EmailComposerTests {

    private static final String NBSP = "\u00a0";
    private static final Instant WHEN = Instant.parse("2025-03-12T14:03:00Z");
    private static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

    @Autowired
    EmailComposer composer;

    private static SecurityInfoChange phoneAdded() {
        return new SecurityInfoChange(ChangeKind.METHOD_ADDED, "Phone +33 6•• •• •• 78", WHEN, "203.0.113.7", FIREFOX);
    }

    @Test
    void theCodeEmailSaysWhatTheCodeIsForHowLongItLastsAndToIgnoreItIfUnasked() {
        EmailMessage email = composer.codeEmail("alice@fabrikam.example", "482913", "Contoso", "registration", Locale.ENGLISH);

        assertThat(email.to()).isEqualTo("alice@fabrikam.example");
        assertThat(email.subject()).isEqualTo("Your Contoso verification code");
        assertThat(email.code()).contains("482913");
        assertThat(email.locale()).isEqualTo(Locale.ENGLISH);
        assertThat(email.textBody())
                .contains("Use this code to add this email address to your security info at Contoso:")
                .contains("    482913\n")
                .contains("The code expires in 5 minutes.")
                .contains("If you didn’t ask for this, ignore this email")
                .doesNotContain("[(").doesNotContain("#{").doesNotContain("/*");
        assertThat(email.htmlBody())
                .contains("<html lang=\"en\">")
                .contains("<title>Your Contoso verification code</title>")
                .contains(">482913</p>")
                .contains("Use this code to add this email address to your security info at Contoso:")
                .contains("The code expires in 5 minutes.")
                .contains("If you didn’t ask for this, ignore this email");
    }

    @Test
    void theResetCodeEmailSaysItResetsAPasswordAndThatIgnoringItChangesNothing() {
        EmailMessage email = composer.codeEmail("alice@fabrikam.example", "482913", "Contoso", "reset", Locale.ENGLISH);

        assertThat(email.subject()).isEqualTo("Your Contoso password reset code");
        assertThat(email.textBody()).contains("Use this code to reset the password of your Contoso account:")
                .contains("your password stays as it is").doesNotContain("security info");
        assertThat(email.htmlBody()).contains("reset the password of your Contoso account").contains(">482913</p>");
    }

    @Test
    void thePasswordResetEmailSaysWhenAndFromWhereButNeverThePassword() {
        EmailMessage email = composer.passwordReset("alice@fabrikam.example", "Alice Martin", "alice@contoso.example",
                "Contoso", WHEN, "203.0.113.7", FIREFOX, Locale.ENGLISH);

        assertThat(email.subject()).isEqualTo("Your password was reset");
        assertThat(email.code()).isEmpty();
        assertThat(email.textBody()).contains("Hello Alice Martin,")
                .contains("The password of your Contoso account alice@contoso.example was just reset.")
                .contains("IP address: 203.0.113.7\n")
                .contains("If it wasn’t you, contact your administrator right away");
        assertThat(email.htmlBody()).contains(">IP address</th>").contains(">203.0.113.7</td>")
                .contains(">Browser</th>").contains("Every session and remembered browser of your account was signed out.");

        EmailMessage french = composer.passwordReset("alice@fabrikam.example", "Alice Martin", "alice@contoso.example",
                "Contoso", WHEN, "203.0.113.7", FIREFOX, Locale.FRENCH);
        assertThat(french.subject()).isEqualTo("Votre mot de passe a été réinitialisé");
        assertThat(french.textBody()).contains("Adresse IP" + NBSP + ": 203.0.113.7");
    }

    @Test
    void theAdministratorsAreToldWhoResetTheirOwnPassword() {
        EmailMessage email = composer.adminPasswordReset("root@contoso.example", "Contoso Admin (admin@contoso.example)",
                "Contoso", WHEN, "203.0.113.7", FIREFOX, Locale.ENGLISH);

        assertThat(email.subject()).isEqualTo("An administrator reset their password: Contoso Admin (admin@contoso.example)");
        assertThat(email.textBody()).contains("Contoso Admin (admin@contoso.example), an administrator of Contoso, reset their password")
                .contains("look at the audit log");
        assertThat(email.htmlBody()).contains(">When</th>").contains("UTC</td>");
    }

    @Test
    void theCodeEmailIsInFrenchWithFrenchTypography() {
        EmailMessage email = composer.codeEmail("alice@fabrikam.example", "482913", "Contoso", "registration", Locale.FRENCH);

        assertThat(email.subject()).isEqualTo("Votre code de vérification Contoso");
        assertThat(email.textBody())
                .contains("Utilisez ce code pour ajouter cette adresse e-mail à vos informations de sécurité chez Contoso" + NBSP + ":")
                .contains("Le code expire dans 5 minutes.")
                .contains("ignorez cet e-mail" + NBSP + ":")
                .contains("482913");
        assertThat(email.htmlBody()).contains("<html lang=\"fr\">").contains("Le code expire dans 5 minutes.").contains(">482913</p>");
    }

    @Test
    void emailsCarryNoLinkNoImageNoScriptAndNothingFetchedFromElsewhere() {
        for (Locale locale : new Locale[] {Locale.ENGLISH, Locale.FRENCH}) {
            for (EmailMessage email : new EmailMessage[] {
                    composer.codeEmail("alice@fabrikam.example", "482913", "Contoso", "registration", locale),
                    composer.securityInfoChanged("alice@fabrikam.example", "Alice Martin", "Contoso", phoneAdded(), locale)}) {
                assertThat(email.htmlBody()).as(email.subject())
                        .doesNotContainIgnoringCase("<a ").doesNotContainIgnoringCase("<img")
                        .doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<link")
                        .doesNotContainIgnoringCase("src=").doesNotContainIgnoringCase("href=")
                        .doesNotContainIgnoringCase("url(").doesNotContainIgnoringCase("http")
                        .doesNotContain(" th:").doesNotContain("xmlns");
                assertThat(email.textBody()).as(email.subject()).doesNotContainIgnoringCase("http");
            }
        }
    }

    @Test
    void theChangeEmailSaysWhatWhenFromWhereAndWhatToDoIfItWasntThePerson() {
        EmailMessage email = composer.securityInfoChanged("alice@fabrikam.example", "Alice Martin", "Contoso", phoneAdded(),
                Locale.ENGLISH);

        assertThat(email.to()).isEqualTo("alice@fabrikam.example");
        assertThat(email.subject()).isEqualTo("Your security info was changed");
        assertThat(email.code()).isEmpty();
        assertThat(email.textBody())
                .contains("Hello Alice Martin,")
                .contains("The security info of your Contoso account was just changed.")
                .contains("What: A method was added to your security info: Phone +33 6•• •• •• 78\n")
                .containsPattern("When: March 12, 2025,? (at )?2:03\\hPM UTC\n")
                .contains("IP address: 203.0.113.7\n")
                .contains("Browser: " + FIREFOX + "\n")
                .contains("If it wasn’t you, sign in and choose “Lost device? Sign out everywhere”, then review your security "
                        + "info, or contact your administrator.");
        assertThat(email.htmlBody())
                .contains("Hello Alice Martin,")
                .contains(">A method was added to your security info: Phone +33 6•• •• •• 78</td>")
                .contains(">203.0.113.7</td>")
                .contains("Lost device? Sign out everywhere");
    }

    @Test
    void theChangeEmailIsInFrenchWithTheDateAsFrenchWritesIt() {
        EmailMessage email = composer.securityInfoChanged("alice@fabrikam.example", "Alice Martin", "Contoso",
                new SecurityInfoChange(ChangeKind.METHOD_ADDED, "Téléphone +33 6•• •• •• 78", WHEN, "203.0.113.7", FIREFOX),
                Locale.FRENCH);

        assertThat(email.subject()).isEqualTo("Vos informations de sécurité ont été modifiées");
        assertThat(email.textBody())
                .contains("Bonjour Alice Martin,")
                .contains("Modification" + NBSP + ": Une méthode a été ajoutée à vos informations de sécurité" + NBSP
                        + ": Téléphone +33 6•• •• •• 78\n")
                .containsPattern("Date" + NBSP + ": 12 mars 2025,? (à )?14:03 UTC\n")
                .contains("Adresse IP" + NBSP + ": 203.0.113.7\n")
                .contains("«" + NBSP + "Appareil perdu" + NBSP + "? Se déconnecter partout" + NBSP + "»");
        assertThat(email.htmlBody()).contains("<html lang=\"fr\">").contains("Bonjour Alice Martin,").contains("12 mars 2025");
    }

    @Test
    void aLanguageVerrouDoesNotSpeakGetsEnglishThroughoutDateIncluded() {
        EmailMessage email = composer.securityInfoChanged("a@fabrikam.example", "Alice", "Contoso", phoneAdded(),
                Locale.GERMAN);

        assertThat(email.locale()).isEqualTo(Locale.ENGLISH);
        assertThat(email.subject()).isEqualTo("Your security info was changed");
        assertThat(email.textBody()).contains("March 12, 2025").doesNotContain("März");
        assertThat(email.htmlBody()).contains("<html lang=\"en\">");
        assertThat(composer.codeEmail("a@fabrikam.example", "482913", "Contoso", "registration", Locale.CANADA_FRENCH).subject())
                .isEqualTo("Votre code de vérification Contoso");
    }

    @Test
    void everyKindOfChangeHasItsWordsInEnglishAndFrench() {
        for (ChangeKind kind : ChangeKind.values()) {
            String english = composer.securityInfoChanged("a@fabrikam.example", "Alice", "Contoso",
                    new SecurityInfoChange(kind, "", WHEN, "203.0.113.7", FIREFOX), Locale.ENGLISH).textBody();
            String french = composer.securityInfoChanged("a@fabrikam.example", "Alice", "Contoso",
                    new SecurityInfoChange(kind, "", WHEN, "203.0.113.7", FIREFOX), Locale.FRENCH).textBody();

            assertThat(english).as(kind.id()).containsPattern("What: \\S").doesNotContain("What: \n");
            assertThat(french).as(kind.id()).containsPattern("Modification" + NBSP + ": \\S").isNotEqualTo(english);
        }
    }

    @Test
    void whatThePersonOrTheBrowserSentIsEscapedInHtmlAndAMissingAddressIsUnknown() {
        SecurityInfoChange change = new SecurityInfoChange(ChangeKind.SIGNED_OUT_EVERYWHERE, "", WHEN, "", "<script>x()</script>");

        EmailMessage email = composer.securityInfoChanged("a@fabrikam.example", "<b>Eve</b>", "Contoso & Co", change,
                Locale.ENGLISH);

        assertThat(email.htmlBody()).doesNotContain("<b>Eve</b>").contains("&lt;b&gt;Eve&lt;/b&gt;")
                .doesNotContain("<script>").contains("Contoso &amp; Co")
                .contains(">Every session and remembered browser was signed out</td>")
                .contains(">Unknown</td>");
        assertThat(email.textBody()).contains("Hello <b>Eve</b>,").contains("IP address: Unknown\n")
                .contains("What: Every session and remembered browser was signed out\n");
    }
}
