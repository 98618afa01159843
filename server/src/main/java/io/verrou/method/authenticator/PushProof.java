package io.verrou.method.authenticator;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.random.RandomGenerator;

import io.verrou.audit.ClientInfo;
import io.verrou.method.AuthMethod;
import io.verrou.method.Proof;
import io.verrou.method.authenticator.PushRequests.PushResult;
import io.verrou.method.authenticator.PushRequests.PushState;
import io.verrou.user.User;

import org.springframework.stereotype.Component;

/**
 * A request approved in the Verrou Authenticator by typing the number the page shows (SPEC S5, S9). A wrong number
 * or a denial counts as a failed proof; at sign-in, {@link PushRequests} counts it as it happens.
 */
@Component
class PushProof implements Proof {

    /** The factor a sign-in gains by an approved request. */
    static final String FACTOR = "FACTOR_PUSH";

    /** A key held by the app on the device signs the approval; the person typed the number shown. */
    private static final Definition DEFINITION = new Definition("push", Answer.APPROVAL, true, Optional.of(FACTOR),
            List.of("swk", "user"), Map.of(
                    Flow.SIGN_IN, new Screen("mfa.push.title", "mfa.push.text", "", "mfa.push.resend", "",
                            "mfa.push.cantuse", true),
                    Flow.RESET, new Screen("", "reset.push.text", "", "reset.push.resend", "", "", true)));

    private final PushRequests pushes;

    PushProof(PushRequests pushes) {
        this.pushes = pushes;
    }

    @Override
    public Definition definition() {
        return DEFINITION;
    }

    @Override
    public Sending send(User user, AuthMethod method, Flow flow, Locale locale, ClientInfo client) {
        PushResult pushed = pushes.create(user, method.id(), flow.purpose(), client);
        if (pushed instanceof PushResult.Created created) {
            return new Sending.Sent(created.request().id(), Optional.of(created.request().number()));
        }
        return new Sending.Refused(((PushResult.Refused) pushed).messageKey(), 0);
    }

    /** A number shown all the same, drawn like a real request's. */
    @Override
    public Sending.Sent standIn(RandomGenerator random) {
        return new Sending.Sent(UUID.randomUUID(), Optional.of(Integer.toString(10 + random.nextInt(90))));
    }

    @Override
    public Approval approval(UUID userId, UUID sent) {
        PushState state = pushes.find(sent, userId).map(PushRequests.PushRequest::state).orElse(PushState.EXPIRED);
        return new Approval(state.name(),
                state == PushState.DENIED || state == PushState.REPORTED || state == PushState.WRONG_NUMBER);
    }

    @Override
    public String endedKey(Flow flow, String state) {
        return (flow == Flow.SIGN_IN ? "mfa.push." : "reset.push.") + state.toLowerCase(Locale.ROOT);
    }
}
