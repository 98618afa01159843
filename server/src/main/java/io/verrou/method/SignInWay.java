package io.verrou.method;

import java.util.Optional;

/**
 * One way a registered method proves the second factor, as "Sign in another way" lists it: "Approve a request on
 * my Verrou Authenticator app", "Text +33 6•• •• •• 78"…
 *
 * @param method          the method it uses
 * @param id              its name among the method's ways ({@code push}, {@code code}, {@code sms}, {@code voice}),
 *                        the end of its form value
 * @param labelKey        its line in the list, with {@code detail} as argument
 * @param detail          what it reaches, masked; empty when nothing
 * @param channel         the channel the method keeps when this way is its default ({@code sms}, {@code voice})
 * @param defaultLabelKey its line on "Change default method", when it can start a sign-in
 * @param proof           how it is proved
 */
public record SignInWay(AuthMethod method, String id, String labelKey, String detail, Optional<String> channel,
        Optional<String> defaultLabelKey, Proof proof) {

    /** The form value that picks it: the method's id and the way's. */
    public String value() {
        return method.id() + ":" + id;
    }
}
