package io.verrou.delivery;

import java.util.Locale;
import java.util.Optional;

/**
 * An email to send, already written in the person's language: a plain-text body and an HTML body saying
 * the same thing.
 *
 * @param to       the address
 * @param subject  the subject line
 * @param textBody the plain-text version
 * @param htmlBody the HTML version
 * @param locale   the language it is written in
 * @param code     the one-time code inside, if any (only the outbox shows it separately)
 */
public record EmailMessage(String to, String subject, String textBody, String htmlBody, Locale locale,
        Optional<String> code) {

    /** Leaves the bodies and the code out, so that they never reach a log. */
    @Override
    public String toString() {
        return "EmailMessage[to=" + to + ", subject=" + subject + "]";
    }
}
