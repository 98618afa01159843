package io.verrou.admin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.verrou.method.MethodKinds;
import io.verrou.tenant.MethodPolicy;
import io.verrou.tenant.TenantPolicy;

/**
 * The authentication methods policy as the admin console edits it (SPEC S11), read from the form and checked:
 * each number within its range, or a message key for the field that is not.
 *
 * @param methods              each method's use
 * @param registrationRequired whether people are asked to register at sign-in
 * @param requiredMethods      what registration asks for
 * @param snoozeDays           days registration may be postponed, 0–14
 * @param snoozeLimit          postponements before it is forced, 0 (no limit) – 10
 * @param reviewDays           days between reviews of one's security info, 0 (never) – 730
 * @param rememberMfaDays      days a browser may skip the second factor, 0–365
 * @param idleMinutes          a session ends after this many minutes without a request, 5–1440
 * @param absoluteHours        a session ends this many hours after sign-in, 1–720
 * @param smsDailyCap          text messages the organisation may send a day, 0–100,000
 * @param voiceDailyCap        calls the organisation may place a day, 0–100,000
 * @param tapMinMinutes        the shortest Temporary Access Pass, 10–43,200 minutes (30 days)
 * @param tapDefaultMinutes    the lifetime a pass gets unless the administrator chooses, between the two
 * @param tapMaxMinutes        the longest pass, 10–43,200 minutes
 * @param tapOneTime           whether passes are one-time unless the administrator chooses
 */
record PolicyForm(List<MethodPolicy> methods, boolean registrationRequired, List<String> requiredMethods,
        int snoozeDays, int snoozeLimit, int reviewDays, int rememberMfaDays, int idleMinutes, int absoluteHours, int smsDailyCap,
        int voiceDailyCap, int tapMinMinutes, int tapDefaultMinutes, int tapMaxMinutes, boolean tapOneTime) {

    PolicyForm {
        methods = List.copyOf(methods);
        requiredMethods = List.copyOf(requiredMethods);
    }

    static PolicyForm of(TenantPolicy policy, List<MethodPolicy> methods) {
        return new PolicyForm(methods, policy.registrationRequired(), policy.requiredMethods(), policy.snoozeDays(),
                policy.snoozeLimit(), policy.reviewDays(), policy.rememberMfaDays(), (int) policy.sessionIdleTimeout().toMinutes(),
                (int) policy.sessionAbsoluteTimeout().toHours(), policy.smsDailyCap(), policy.voiceDailyCap(),
                (int) policy.tapMinLifetime().toMinutes(), (int) policy.tapDefaultLifetime().toMinutes(),
                (int) policy.tapMaxLifetime().toMinutes(), policy.tapOneTime());
    }

    /**
     * The form's fields as posted, for the {@code current} methods, each allowed no use its kind can't serve;
     * problems by field name.
     */
    static PolicyForm read(Map<String, String> form, List<MethodPolicy> current, MethodKinds kinds,
            Map<String, String> problems) {
        List<MethodPolicy> methods = new ArrayList<>();
        for (MethodPolicy method : current) {
            String id = method.method();
            methods.add(kinds.allowedAtMost(new MethodPolicy(id, form.containsKey("enabled." + id),
                    form.containsKey("signin." + id), form.containsKey("reset." + id))));
        }
        List<String> required = kinds.requirements().stream().filter(r -> form.containsKey("required." + r)).toList();
        return new PolicyForm(methods, form.containsKey("registrationRequired"), required,
                number(form, "snoozeDays", 0, 14, problems), number(form, "snoozeLimit", 0, 10, problems),
                number(form, "reviewDays", 0, 730, problems),
                number(form, "rememberMfaDays", 0, 365, problems), number(form, "idleMinutes", 5, 1440, problems),
                number(form, "absoluteHours", 1, 720, problems), number(form, "smsDailyCap", 0, 100_000, problems),
                number(form, "voiceDailyCap", 0, 100_000, problems), number(form, "tapMinMinutes", 10, 43_200, problems),
                number(form, "tapDefaultMinutes", 10, 43_200, problems), number(form, "tapMaxMinutes", 10, 43_200, problems),
                form.containsKey("tapOneTime"));
    }

    /** The pass lifetimes in order, or the problem with them. */
    PolicyForm checked(Map<String, String> problems) {
        if (problems.isEmpty() && (tapMinMinutes > tapDefaultMinutes || tapDefaultMinutes > tapMaxMinutes)) {
            problems.put("tapDefaultMinutes", "admin.policy.tap.order");
        }
        return this;
    }

    Duration idle() {
        return Duration.ofMinutes(idleMinutes);
    }

    Duration absolute() {
        return Duration.ofHours(absoluteHours);
    }

    /** Whether {@code method} is enabled for {@code use}: {@code enabled}, {@code signin} or {@code reset}. */
    boolean has(String method, String use) {
        return methods.stream().filter(m -> m.method().equals(method)).anyMatch(m -> switch (use) {
            case "enabled" -> m.enabled();
            case "signin" -> m.forSignIn();
            default -> m.forReset();
        });
    }

    private static int number(Map<String, String> form, String field, int min, int max, Map<String, String> problems) {
        String typed = form.getOrDefault(field, "").strip();
        try {
            int value = Integer.parseInt(typed);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Explained below, like a number out of range.
        }
        problems.put(field, "admin.policy.range." + min + "." + max);
        return min;
    }

    static Map<String, String> noProblems() {
        return new LinkedHashMap<>();
    }
}
