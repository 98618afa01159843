package io.verrou.method.questions;

import java.util.List;
import java.util.Optional;

import io.verrou.method.AuthMethodKind;
import io.verrou.method.MethodKind;
import io.verrou.method.ResetWay;
import io.verrou.method.SetupStep;
import io.verrou.tenant.MethodPolicy;
import io.verrou.user.Role;
import io.verrou.user.User;

import org.springframework.stereotype.Component;

/** Security questions (SPEC S4.5): password reset only, and never for an administrator. */
@Component
class SecurityQuestionsKind implements AuthMethodKind {

    static final MethodKind KIND = MethodKind.of("questions");
    static final SetupStep STEP = new SetupStep("QUESTIONS", "questions", "/register/questions", 1);

    private final QuestionsProof proof;

    SecurityQuestionsKind(QuestionsProof proof) {
        this.proof = proof;
    }

    @Override
    public MethodKind kind() {
        return KIND;
    }

    @Override
    public int strength() {
        return 80;
    }

    @Override
    public MethodPolicy defaultPolicy() {
        return new MethodPolicy(KIND.id(), true, false, true);
    }

    @Override
    public boolean servesSignIn() {
        return false;
    }

    @Override
    public boolean servesReset() {
        return true;
    }

    /** An administrator's account unlocks others: nothing anyone could look up or guess resets it. */
    @Override
    public boolean allowedFor(User user) {
        return user.role() != Role.ADMIN;
    }

    @Override
    public Optional<String> requirement() {
        return Optional.of(STEP.requirement());
    }

    @Override
    public Optional<SetupStep> setup() {
        return Optional.of(STEP);
    }

    @Override
    public List<ResetWay> resetWays() {
        return List.of(new ResetWay("questions", 60, KIND, proof, Optional.empty()));
    }

    @Override
    public String apiType() {
        return "securityQuestionsAuthenticationMethod";
    }
}
