package io.verrou.method;

/**
 * A method as a page shows it.
 *
 * @param id          the method
 * @param nameKey     message key of its kind's name, e.g. "Authenticator app"
 * @param detail      what it reaches, masked ({@code +33 6•• •• •• 78}); empty when nothing
 * @param defaultKey  message key describing it as the default sign-in method
 * @param isDefault   whether sign-in starts with it
 * @param changeable  whether it can be changed in place (a phone: a new number, verified again)
 */
public record MethodView(java.util.UUID id, String nameKey, String detail, String defaultKey, boolean isDefault,
        boolean changeable) {
}
