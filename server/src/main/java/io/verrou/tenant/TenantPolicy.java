package io.verrou.tenant;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * A tenant's authentication-methods policy and session settings (SPEC S1, S11).
 *
 * @param tenantId              the tenant it belongs to
 * @param mfaRequired           whether every sign-in needs a second factor
 * @param registrationRequired  whether people are asked to register security info at sign-in
 * @param requiredMethods       method kinds that registration asks for, most secure first
 * @param snoozeDays            days a person may postpone registration (0: not allowed)
 * @param snoozeLimit           how many times they may postpone it before it is forced
 * @param reviewDays            days between "is your security info still accurate?" reviews (0: never)
 * @param resetEnabled          whether self-service password reset is on
 * @param resetMethodsRequired  1 or 2 methods to verify before a reset
 * @param questionsToRegister   security questions to register (3–5)
 * @param questionsToReset      security questions asked at reset
 * @param rememberMfaDays       days a browser may skip the second factor (0: never)
 * @param tapDefaultLifetime    Temporary Access Pass default lifetime
 * @param tapMinLifetime        shortest lifetime an admin may choose
 * @param tapMaxLifetime        longest lifetime an admin may choose
 * @param tapOneTime            whether passes are one-time by default
 * @param smsDailyCap           text messages the tenant may send a day
 * @param voiceDailyCap         calls the tenant may place a day
 * @param sessionIdleTimeout    a session ends after this long without a request
 * @param sessionAbsoluteTimeout a session ends this long after sign-in, active or not
 */
public record TenantPolicy(
        UUID tenantId,
        boolean mfaRequired,
        boolean registrationRequired,
        List<String> requiredMethods,
        int snoozeDays,
        int snoozeLimit,
        int reviewDays,
        boolean resetEnabled,
        int resetMethodsRequired,
        int questionsToRegister,
        int questionsToReset,
        int rememberMfaDays,
        Duration tapDefaultLifetime,
        Duration tapMinLifetime,
        Duration tapMaxLifetime,
        boolean tapOneTime,
        int smsDailyCap,
        int voiceDailyCap,
        Duration sessionIdleTimeout,
        Duration sessionAbsoluteTimeout) {

    public TenantPolicy {
        requiredMethods = List.copyOf(requiredMethods);
    }
}
