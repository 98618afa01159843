package io.verrou.method;

import java.util.Locale;

/**
 * A step of the "Keep your account secure" wizard: the setup screens of one method kind, which meet one requirement
 * of the policy ("Registration asks for"). Other kinds may meet the same requirement through their own screens:
 * any authenticator app, the Verrou Authenticator or another, is an app.
 *
 * @param name        its form value in the pickers, e.g. {@code APP}
 * @param requirement what it meets, e.g. {@code authenticator}; see {@link AuthMethodKind#requirement()}
 * @param path        its first page
 * @param maxMethods  how many methods meeting it a person may have (5 apps, 1 phone…)
 */
public record SetupStep(String name, String requirement, String path, int maxMethods) {

    /** The message key of its name in the stepper; with {@code .long}, in the pickers. */
    public String nameKey() {
        return "register.step." + name.toLowerCase(Locale.ROOT);
    }
}
