package io.verrou.delivery;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Writes the emails Verrou sends, in the person's language: the subject from {@code delivery.email.*} message
 * keys, an HTML version from {@code templates/email/<name>.html} and a plain-text version saying the same thing
 * from {@code templates/email/<name>.txt}. No email carries a link, an image or anything that reports its
 * opening: people learn to type Verrou's address rather than follow a link in a mail about their security.
 */
@Component
public class EmailComposer {

    static final String CODE = "code";
    static final String SECURITY_INFO_CHANGED = "security-info-changed";

    private final ITemplateEngine templates;
    private final DeliveryTexts texts;

    public EmailComposer(ITemplateEngine templates, DeliveryTexts texts) {
        this.templates = templates;
        this.texts = texts;
    }

    /**
     * A one-time code by email, valid 5 minutes, to be ignored by whoever didn't ask for it: it proves a person
     * reads the email address they add to their security info (SPEC S4.4) or, for {@code reset}, the alternate
     * email of an account whose password they are resetting (SPEC S9).
     *
     * @param organisation the tenant's name
     * @param purpose      what the code is for, e.g. {@code registration}, {@code reset}
     */
    public EmailMessage codeEmail(String to, String code, String organisation, String purpose, Locale requested) {
        Locale locale = written(requested);
        boolean reset = "reset".equals(purpose);
        String subject = texts.text(reset ? "delivery.email.code.subject.reset" : "delivery.email.code.subject", locale,
                organisation);
        Context context = context(subject, organisation, locale);
        context.setVariable("code", code);
        context.setVariable("introKey", reset ? "delivery.email.code.intro.reset" : "delivery.email.code.intro");
        context.setVariable("ignoreKey", reset ? "delivery.email.code.ignore.reset" : "delivery.email.code.ignore");
        return compose(CODE, to, subject, context, Optional.of(code));
    }

    /**
     * Tells a person their password was just reset on the reset portal (SPEC S9): when, from where, and what to
     * do if it wasn't them. Never the password.
     *
     * @param account      the sign-in address of the account
     * @param organisation the tenant's name
     */
    public EmailMessage passwordReset(String to, String displayName, String account, String organisation,
            java.time.Instant when, String ip, String browser, Locale requested) {
        Locale locale = written(requested);
        String subject = texts.text("delivery.email.reset.subject", locale);
        Context context = context(subject, organisation, locale);
        context.setVariable("displayName", displayName);
        context.setVariable("account", account);
        setWhenAndWhere(context, when, ip, browser, locale);
        return compose("password-reset", to, subject, context, Optional.empty());
    }

    /**
     * Tells another administrator that an administrator reset their own password on the reset portal (SPEC S9).
     *
     * @param person       the display name and sign-in address of the administrator who reset theirs
     * @param organisation the tenant's name
     */
    public EmailMessage adminPasswordReset(String to, String person, String organisation, java.time.Instant when,
            String ip, String browser, Locale requested) {
        Locale locale = written(requested);
        String subject = texts.text("delivery.email.adminreset.subject", locale, person);
        Context context = context(subject, organisation, locale);
        context.setVariable("person", person);
        setWhenAndWhere(context, when, ip, browser, locale);
        return compose("admin-password-reset", to, subject, context, Optional.empty());
    }

    private void setWhenAndWhere(Context context, java.time.Instant when, String ip, String browser, Locale locale) {
        context.setVariable("when", texts.text("delivery.email.changed.utc", locale, when(locale).format(when)));
        context.setVariable("ip", orUnknown(ip, locale));
        context.setVariable("browser", orUnknown(browser, locale));
    }

    /**
     * Tells a person that their security info was changed (SPEC S6): what, when (in UTC), from which address and
     * browser, and what to do if it wasn't them.
     *
     * @param organisation the tenant's name
     */
    public EmailMessage securityInfoChanged(String to, String displayName, String organisation, SecurityInfoChange change,
            Locale requested) {
        Locale locale = written(requested);
        String subject = texts.text("delivery.email.changed.subject", locale);
        Context context = context(subject, organisation, locale);
        context.setVariable("displayName", displayName);
        context.setVariable("what", what(change, locale));
        context.setVariable("when", texts.text("delivery.email.changed.utc", locale, when(locale).format(change.when())));
        context.setVariable("ip", orUnknown(change.ip(), locale));
        context.setVariable("browser", orUnknown(change.browser(), locale));
        return compose(SECURITY_INFO_CHANGED, to, subject, context, Optional.empty());
    }

    /**
     * Alerts an administrator that someone reported a sign-in request as not theirs (SPEC S5): MFA is blocked
     * for that person until an administrator clears it.
     *
     * @param person       the display name and sign-in address of the person who reported
     * @param organisation the tenant's name
     */
    public EmailMessage mfaBlockedAlert(String to, String person, String organisation, java.time.Instant when, String ip,
            String browser, Locale requested) {
        Locale locale = written(requested);
        String subject = texts.text("delivery.email.blocked.subject", locale, person);
        Context context = context(subject, organisation, locale);
        context.setVariable("person", person);
        setWhenAndWhere(context, when, ip, browser, locale);
        return compose("mfa-blocked", to, subject, context, Optional.empty());
    }

    /** Short notices to a person about their own account, each with its subject, intro and action texts. */
    public enum Notice {
        /** Too many failed second factors: someone who knows the password is trying (SPEC S5). */
        MFA_LOCKED("mfalocked"),
        /** An administrator issued a Temporary Access Pass for the person (SPEC S4.7). */
        PASS_ISSUED("tapissued"),
        /** The person's Temporary Access Pass signed someone in. */
        PASS_USED("tapused"),
        /** The person's Temporary Access Pass expired. */
        PASS_EXPIRED("tapexpired");

        private final String id;

        Notice(String id) {
            this.id = id;
        }
    }

    /**
     * A notice about the person's own account: what happened, when (in UTC) and from where, and what to do.
     *
     * @param moment a time the text names (until when, or when it expired), written as the person's language writes
     *               it; the intro of {@link Notice#PASS_USED} names none
     */
    public EmailMessage notice(Notice notice, String to, String displayName, String organisation,
            Optional<java.time.Instant> moment, java.time.Instant when, String ip, String browser, Locale requested) {
        Locale locale = written(requested);
        String prefix = "delivery.email.notice." + notice.id;
        String subject = texts.text(prefix + ".subject", locale);
        Context context = context(subject, organisation, locale);
        context.setVariable("displayName", displayName);
        context.setVariable("introKey", prefix + ".intro");
        context.setVariable("actionKey", prefix + ".action");
        context.setVariable("detail", moment.map(m -> texts.text("delivery.email.changed.utc", locale, when(locale).format(m)))
                .orElse(""));
        setWhenAndWhere(context, when, ip, browser, locale);
        return compose("notice", to, subject, context, Optional.empty());
    }

    private String what(SecurityInfoChange change, Locale locale) {
        String kind = texts.text("delivery.email.changed.kind." + change.kind().id(), locale);
        return change.detail().isBlank() ? kind : texts.text("delivery.email.colon", locale, kind, change.detail());
    }

    private String orUnknown(String value, Locale locale) {
        return value.isBlank() ? texts.text("delivery.email.changed.unknown", locale) : value;
    }

    /**
     * The language the email is written in: French or English. Another language would get English words with
     * its own date, and a {@code lang} that says what the words are not.
     */
    private static Locale written(Locale requested) {
        return Locale.FRENCH.getLanguage().equals(requested.getLanguage()) ? Locale.FRENCH : Locale.ENGLISH;
    }

    /** A date as the person's language writes it, with the time on the 24-hour or 12-hour clock it uses. */
    private static DateTimeFormatter when(Locale locale) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
                .withLocale(locale)
                .withZone(ZoneOffset.UTC);
    }

    private static Context context(String subject, String organisation, Locale locale) {
        Context context = new Context(locale);
        context.setVariable("subject", subject);
        context.setVariable("organisation", organisation);
        return context;
    }

    /** {@code email/<name>} is the HTML page; {@code <name>.txt} only the TEXT-mode resolver answers to. */
    private EmailMessage compose(String name, String to, String subject, Context context, Optional<String> code) {
        String html = templates.process("email/" + name, context);
        String text = templates.process(name + ".txt", context);
        return new EmailMessage(to, subject, text, html, context.getLocale(), code);
    }
}
