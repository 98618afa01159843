package io.verrou.method.questions;

/**
 * A question as a person is offered it.
 *
 * @param id     {@code q01}… for a predefined question, the custom question's UUID for a tenant's own
 * @param text   the question in the page's language (a tenant's own questions are shown as written)
 * @param custom whether the person's organisation wrote it
 */
public record SecurityQuestion(String id, String text, boolean custom) {
}
