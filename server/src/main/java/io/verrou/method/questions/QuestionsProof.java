package io.verrou.method.questions;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.random.RandomGenerator;

import io.verrou.method.AuthMethod;
import io.verrou.method.Proof;
import io.verrou.tenant.JdbcTenantRepository;

import org.springframework.stereotype.Component;

/**
 * Answering security questions at password reset (SPEC S9): as many as the policy asks, drawn from the person's,
 * every answer right. An account without questions is asked stand-ins, always the same ones for the name, which
 * no answer passes.
 */
@Component
class QuestionsProof implements Proof {

    /** What a policy asks when the name's domain is no organisation's. */
    private static final int DEFAULT_COUNT = 3;
    private static final Definition DEFINITION = new Definition("questions", Answer.ANSWERS, false, Optional.empty(),
            List.of(), Map.of(Flow.RESET, new Screen("", "", "", "", "", "", false)));

    private final SecurityQuestions questions;
    private final JdbcTenantRepository tenants;

    QuestionsProof(SecurityQuestions questions, JdbcTenantRepository tenants) {
        this.questions = questions;
        this.tenants = tenants;
    }

    @Override
    public Definition definition() {
        return DEFINITION;
    }

    @Override
    public List<String> ask(Optional<AuthMethod> method, String signInName, Optional<UUID> tenantId,
            RandomGenerator random) {
        int count = tenantId.map(id -> tenants.policy(id).questionsToReset()).orElse(DEFAULT_COUNT);
        if (method.isPresent()) {
            return questions.askRandom(method.get().userId(), count, random);
        }
        int registered = tenantId.map(id -> tenants.policy(id).questionsToRegister()).orElse(DEFAULT_COUNT);
        return questions.askStandIns(signInName, Math.max(count, registered), count, random);
    }

    @Override
    public List<String> questionTexts(List<String> asked, Optional<UUID> tenantId, Locale locale) {
        return asked.stream()
                .map(id -> tenantId.flatMap(tenant -> questions.text(tenant, id, locale))
                        .or(() -> questions.catalogueText(id, locale)).orElse(id))
                .toList();
    }

    @Override
    public boolean answered(Optional<AuthMethod> method, Map<String, String> answers) {
        return method.isPresent() ? questions.verify(method.get().userId(), answers) : questions.verifyNothing(answers);
    }
}
