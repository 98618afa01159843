package io.verrou.method;

import java.util.Optional;

/**
 * One way of proving who you are on the password reset portal, offered by a method kind: "Text my mobile phone",
 * "Answer my security questions"… Kinds that prove the same way share its {@code id}: the Verrou Authenticator and
 * any other app both offer {@code app_code}, and the portal lists it once.
 *
 * @param id     the form value, and the end of its message key {@code reset.option.<id>}
 * @param order  its place in the list, first lowest
 * @param kind   the kind of the methods it proves
 * @param proof  how it is proved
 * @param retype what the person types again before anything is sent, for a proof that sends to what they type
 */
public record ResetWay(String id, int order, MethodKind kind, Proof proof, Optional<Retype> retype) {
}
