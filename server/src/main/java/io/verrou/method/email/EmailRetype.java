package io.verrou.method.email;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.verrou.method.AuthMethod;
import io.verrou.method.Retype;

import org.springframework.ui.Model;

/** The alternate email address, typed again before the reset portal emails a code to it (SPEC S9). */
final class EmailRetype implements Retype {

    @Override
    public String view() {
        return "method/email/retype";
    }

    @Override
    public void prepare(Model model, Locale locale, Map<String, String> typed) {
        String email = typed.getOrDefault("email", "");
        model.addAttribute("email", email.length() > 254 ? "" : email.strip());
    }

    @Override
    public Typed read(Map<String, String> form) {
        String address = form.getOrDefault("email", "").strip().toLowerCase(Locale.ROOT);
        if (address.isEmpty() || address.length() > 254 || address.indexOf('@') < 1) {
            return new Typed.Invalid("reset.email.invalid");
        }
        return new Typed.Valid(address, Optional.empty());
    }

    @Override
    public boolean matches(AuthMethod method, String normalised) {
        return MessageDigest.isEqual(normalised.getBytes(StandardCharsets.UTF_8),
                method.detail().orElse("").toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String mismatchKey() {
        return "reset.email.mismatch";
    }

    @Override
    public String mismatchReason() {
        return "email_mismatch";
    }
}
