package io.verrou.method.questions;

import java.util.List;
import java.util.Optional;

import io.verrou.method.AuthMethodKind;
import io.verrou.method.MethodKind;
import io.verrou.method.ResetWay;
import io.verrou.method.SetupStep;
import io.verrou.user.Role;
import io.verrou.user.User;

import org.springframework.stereotype.Component;

/** Security questions (SPEC S4.5): password reset only, and never for an administrator. */
@Component
class SecurityQuestionsKind implements AuthMethodKind {

    static final MethodKind KIND = MethodKind.of("questions");
    static final SetupStep STEP = new SetupStep("QUESTIONS", "questions", "/register/questions", 1);
    private static final Definition DEFINITION = Definition.of(KIND, 80, "securityQuestionsAuthenticationMethod")
            .servingReset().setUpBy(STEP);

    private final QuestionsProof proof;

    SecurityQuestionsKind(QuestionsProof proof) {
        this.proof = proof;
    }

    /** An administrator's account unlocks others: nothing anyone could look up or guess resets it. */
    @Override
    public Definition definition() {
        return DEFINITION;
    }

    @Override
    public boolean allowedFor(User user) {
        return user.role() != Role.ADMIN;
    }

    @Override
    public List<ResetWay> resetWays() {
        return List.of(new ResetWay("questions", 60, KIND, proof, Optional.empty()));
    }
}
