package io.verrou.method.phone;

import java.text.Collator;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import io.verrou.challenge.Channel;

import org.springframework.stereotype.Component;

/**
 * Phone numbers as people type them, checked and stored in E.164 (SPEC S4.3), and shown as their country
 * writes them.
 */
@Component
public class PhoneNumbers {

    /** Numbers that cost the caller, or reach no one person: never used for codes. */
    private static final Set<PhoneNumberType> REFUSED = Set.of(PhoneNumberType.PREMIUM_RATE,
            PhoneNumberType.SHARED_COST, PhoneNumberType.TOLL_FREE, PhoneNumberType.UAN, PhoneNumberType.VOICEMAIL,
            PhoneNumberType.PAGER, PhoneNumberType.PERSONAL_NUMBER);
    private static final Set<PhoneNumberType> TEXTABLE = Set.of(PhoneNumberType.MOBILE,
            PhoneNumberType.FIXED_LINE_OR_MOBILE);
    private static final int MAX_TYPED = 40;

    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();

    /** The outcome of checking a typed number. */
    public sealed interface Check {
        /** A usable number: E.164 for storage, international format for display. */
        record Valid(String e164, String international) implements Check {
        }

        /** Not usable; the message key says why. */
        record Invalid(String messageKey) implements Check {
        }
    }

    /** A country in the picker: its code, its name in the page's language, its calling code. */
    public record Country(String region, String name, int callingCode) {
    }

    /**
     * Checks {@code typed} as a number of {@code region} (ignored when it starts with +) that can receive
     * the given channel.
     */
    public Check check(String region, String typed, Channel channel) {
        String number = typed == null ? "" : typed.strip();
        if (number.isEmpty()) {
            return new Check.Invalid("phone.required");
        }
        if (number.length() > MAX_TYPED || !number.matches("[+0-9 ().\\-/\u00a0]+")) {
            return new Check.Invalid("phone.invalid");
        }
        PhoneNumber parsed;
        try {
            parsed = util.parse(number, region == null ? "ZZ" : region.toUpperCase(Locale.ROOT));
        } catch (NumberParseException e) {
            return new Check.Invalid(e.getErrorType() == NumberParseException.ErrorType.INVALID_COUNTRY_CODE
                    ? "phone.country" : "phone.invalid");
        }
        if (!util.isValidNumber(parsed)) {
            return new Check.Invalid("phone.invalid");
        }
        PhoneNumberType type = util.getNumberType(parsed);
        if (REFUSED.contains(type)) {
            return new Check.Invalid("phone.premium");
        }
        if (channel == Channel.SMS && !TEXTABLE.contains(type)) {
            return new Check.Invalid("phone.notmobile");
        }
        return new Check.Valid(util.format(parsed, PhoneNumberFormat.E164),
                util.format(parsed, PhoneNumberFormat.INTERNATIONAL));
    }

    /** How the number's country writes it, e.g. {@code +33 6 12 34 56 78}. */
    public String display(String e164) {
        try {
            return util.format(util.parse(e164, "ZZ"), PhoneNumberFormat.INTERNATIONAL);
        } catch (NumberParseException e) {
            return e164;
        }
    }

    /**
     * The number with all but the first and the last two digits of the national part hidden, e.g.
     * {@code +33 6•• •• •• 78}.
     */
    public String masked(String e164) {
        String shown = display(e164);
        int nationalStart = shown.indexOf(' ');
        if (nationalStart < 0) {
            return shown;
        }
        StringBuilder out = new StringBuilder(shown.substring(0, nationalStart));
        String national = shown.substring(nationalStart);
        long digits = national.chars().filter(Character::isDigit).count();
        int seen = 0;
        boolean joined = false;
        for (char c : national.toCharArray()) {
            if (Character.isDigit(c)) {
                seen++;
                out.append(seen == 1 || seen > digits - 2 ? c : '•');
            } else if (seen == 1 && !joined) {
                // The first digit stays joined to the hidden ones, so the mask reads as one number: 6•• •• ••
                joined = true;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Every country, named in {@code locale}'s language, in that language's alphabetical order. */
    public List<Country> countries(Locale locale) {
        Collator collator = Collator.getInstance(locale);
        return util.getSupportedRegions().stream()
                .map(r -> new Country(r, new Locale("", r).getDisplayCountry(locale), util.getCountryCodeForRegion(r)))
                .sorted(Comparator.comparing(Country::name, collator))
                .toList();
    }

    /** The country to preselect: the browser's, when it names one we know, else the United States. */
    public String defaultRegion(Locale locale) {
        String country = locale.getCountry();
        return util.getSupportedRegions().contains(country) ? country
                : locale.getLanguage().equals("fr") ? "FR" : "US";
    }
}
