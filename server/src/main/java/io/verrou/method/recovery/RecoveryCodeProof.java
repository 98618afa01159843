package io.verrou.method.recovery;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.verrou.audit.ClientInfo;
import io.verrou.method.AuthMethod;
import io.verrou.method.AuthMethods;
import io.verrou.method.Proof;
import io.verrou.user.User;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Typing one of the recovery codes: good once. A code used tells the person by email (their security info changed:
 * one code fewer), and a wrong one counts toward the second-factor lockout like any code.
 */
@Component
class RecoveryCodeProof implements Proof {

    static final String FACTOR = "FACTOR_RECOVERY_CODE";
    private static final Definition DEFINITION = new Definition("recovery_code", Answer.CODE, false,
            Optional.of(FACTOR), List.of("otp"), Map.of(
                    Flow.SIGN_IN, new Screen("recovery.title", "recovery.text", "", "", "", "mfa.otherway", false)));

    private final RecoveryCodes codes;
    private final ObjectProvider<AuthMethods> methods;

    RecoveryCodeProof(RecoveryCodes codes, ObjectProvider<AuthMethods> methods) {
        this.codes = codes;
        this.methods = methods;
    }

    @Override
    public Definition definition() {
        return DEFINITION;
    }

    @Override
    public Check check(User user, AuthMethod method, Optional<UUID> sent, String code) {
        if (!codes.use(method.id(), code)) {
            return Check.wrong();
        }
        methods.getObject().change(user, method.id(), Integer.toString(codes.remaining(method.id())), Optional.empty(),
                client());
        return Check.right();
    }

    private static ClientInfo client() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request
                ? ClientInfo.from(request.getRequest()) : ClientInfo.system();
    }
}
