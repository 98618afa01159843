package io.verrou.user;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.tenant.Tenant;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * The rules every new password must follow (SPEC S9): 8 to 256 characters, not a common password, not the
 * person's name, the organisation's name or a term the organisation banned, and not the current password.
 * Names, terms and common passwords are compared after {@link #fold folding}, so {@code C0nt0so!} is
 * {@code contoso}.
 */
@Service
public class PasswordRules {

    static final int MIN_LENGTH = 8;
    static final int MAX_LENGTH = 256;
    static final int MIN_NAME_TERM = 3;
    static final int MIN_ORGANISATION_TERM = 4;

    /** Look-alike substitutions people use to dress up a word: each character of the first maps to the second. */
    private static final String SUBSTITUTED = "013457$@!|+";
    private static final String SUBSTITUTES = "oleastsailt";

    private static final Pattern WORD_SEPARATORS = Pattern.compile("[\\p{IsWhite_Space}\\p{IsPunctuation}]+");
    private static final Pattern EMAIL_SEPARATORS = Pattern.compile("[._+-]+");

    private final CommonPasswords commonPasswords;
    private final JdbcTenantRepository tenants;
    private final PasswordEncoder passwordEncoder;

    public PasswordRules(CommonPasswords commonPasswords, JdbcTenantRepository tenants,
            PasswordEncoder passwordEncoder) {
        this.commonPasswords = commonPasswords;
        this.tenants = tenants;
        this.passwordEncoder = passwordEncoder;
    }

    /**
     * The first rule a new password for {@code user} breaks, in the order of {@link PasswordProblem}, or empty
     * when it may be used.
     */
    public Optional<PasswordProblem> check(User user, String candidate) {
        Objects.requireNonNull(candidate, "candidate");
        int length = candidate.codePointCount(0, candidate.length());
        if (length < MIN_LENGTH) {
            return Optional.of(PasswordProblem.TOO_SHORT);
        }
        if (length > MAX_LENGTH) {
            return Optional.of(PasswordProblem.TOO_LONG);
        }
        String folded = fold(candidate);
        if (commonPasswords.isCommon(folded)) {
            return Optional.of(PasswordProblem.COMMON);
        }
        if (containsAny(folded, nameTerms(user))) {
            return Optional.of(PasswordProblem.NAME);
        }
        if (containsAny(folded, organisationTerms(user.tenantId()))) {
            return Optional.of(PasswordProblem.ORGANISATION);
        }
        if (containsAny(folded, tenants.bannedTerms(user.tenantId()).stream().map(PasswordRules::fold).toList())) {
            return Optional.of(PasswordProblem.BANNED_TERM);
        }
        // Last, because Argon2 takes tens of milliseconds on purpose.
        if (passwordEncoder.matches(candidate, user.passwordHash())) {
            return Optional.of(PasswordProblem.CURRENT);
        }
        return Optional.empty();
    }

    /**
     * The form in which passwords and terms are compared: NFKC-normalised (full-width and ligature forms
     * become plain letters), lower case, and with the look-alikes {@code 0 1 3 4 5 7 $ @ ! | +} read as
     * {@code o l e a s t s a i l t}.
     */
    static String fold(String s) {
        String lower = Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder folded = new StringBuilder(lower.length());
        lower.codePoints().forEach(c -> {
            int at = SUBSTITUTED.indexOf(c);
            folded.appendCodePoint(at < 0 ? c : SUBSTITUTES.charAt(at));
        });
        return folded.toString();
    }

    /** The parts of the sign-in name before the {@code @}, and the words of the display name. */
    private static List<String> nameTerms(User user) {
        String email = user.email();
        String localPart = email.substring(0, Math.max(email.indexOf('@'), 0));
        return terms(Stream.concat(EMAIL_SEPARATORS.splitAsStream(localPart),
                WORD_SEPARATORS.splitAsStream(user.displayName())), MIN_NAME_TERM);
    }

    /** The words of the organisation's name and of the first label of each of its domains. */
    private List<String> organisationTerms(UUID tenantId) {
        String name = tenants.findById(tenantId).map(Tenant::name).orElse("");
        Stream<String> labels = tenants.domains(tenantId).stream()
                .map(domain -> domain.indexOf('.') < 0 ? domain : domain.substring(0, domain.indexOf('.')));
        return terms(Stream.concat(Stream.of(name), labels).flatMap(WORD_SEPARATORS::splitAsStream),
                MIN_ORGANISATION_TERM);
    }

    /** Short terms are left out: too many good passwords contain "al" or "inc". */
    private static List<String> terms(Stream<String> words, int minLength) {
        return words.map(PasswordRules::fold)
                .filter(term -> term.codePointCount(0, term.length()) >= minLength)
                .distinct()
                .toList();
    }

    private static boolean containsAny(String folded, List<String> terms) {
        return terms.stream().anyMatch(folded::contains);
    }
}
