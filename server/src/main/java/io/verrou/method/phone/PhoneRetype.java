package io.verrou.method.phone;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.verrou.challenge.Channel;
import io.verrou.method.AuthMethod;
import io.verrou.method.Retype;

import org.springframework.ui.Model;

/** The phone number, typed again before the reset portal texts or calls it (SPEC S9). */
final class PhoneRetype implements Retype {

    private final PhoneNumbers phones;
    private final Channel channel;

    /** @param channel what will reach the number: a text needs a mobile */
    PhoneRetype(PhoneNumbers phones, Channel channel) {
        this.phones = phones;
        this.channel = channel;
    }

    @Override
    public String view() {
        return "method/phone/retype";
    }

    @Override
    public void prepare(Model model, Locale locale, Map<String, String> typed) {
        model.addAttribute("countries", phones.countries(locale));
        String region = typed.getOrDefault("region", "");
        model.addAttribute("region", region.length() <= 3 && !region.isEmpty() ? region : phones.defaultRegion(locale));
        String number = typed.getOrDefault("number", "");
        model.addAttribute("number", number.length() <= 40 ? number : "");
    }

    @Override
    public Typed read(Map<String, String> form) {
        String region = form.getOrDefault("region", "");
        String number = form.getOrDefault("number", "");
        // Any number the person could have registered first, so that a landline is a mismatch like any other.
        if (!(phones.check(region, number, Channel.VOICE) instanceof PhoneNumbers.Check.Valid valid)) {
            return new Typed.Invalid("reset.phone.invalid");
        }
        boolean reachable = channel != Channel.SMS || phones.check(region, number, Channel.SMS) instanceof PhoneNumbers.Check.Valid;
        return new Typed.Valid(valid.e164(), reachable ? Optional.empty() : Optional.of("phone.notmobile"));
    }

    @Override
    public boolean matches(AuthMethod method, String normalised) {
        return MessageDigest.isEqual(normalised.getBytes(StandardCharsets.UTF_8),
                method.detail().orElse("").getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String mismatchKey() {
        return "reset.phone.mismatch";
    }

    @Override
    public String mismatchReason() {
        return "phone_mismatch";
    }
}
