package io.verrou.method.questions;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

import io.verrou.audit.AuditEvent;
import io.verrou.audit.AuditEventType;
import io.verrou.audit.AuditLog;
import io.verrou.audit.AuditResult;
import io.verrou.audit.ClientInfo;
import io.verrou.crypto.KeyedHash;
import io.verrou.delivery.ChangeKind;
import io.verrou.method.AuthMethod;
import io.verrou.method.AuthMethods;
import io.verrou.method.SecurityInfoChanged;
import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.user.Role;
import io.verrou.user.User;

import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Security questions (SPEC S4.5): a password reset method only, and never for admins. A person registers
 * the number of questions their organisation's policy asks for, from our catalogue and their organisation's
 * own; the answers are normalised and hashed like passwords. A set is never edited: registering again
 * replaces it whole.
 */
@Service
public class SecurityQuestions {

    /** The method's name on Security info. */
    static final String LABEL = "Security questions";
    /** The fewest and most questions a policy may ask people to register. */
    static final int MIN_TO_REGISTER = 3;
    static final int MAX_TO_REGISTER = 5;
    /**
     * Every language the catalogue is written in: an answer must not contain its question in any of them,
     * whichever the page was shown in.
     */
    private static final String STAND_IN_PURPOSE = "reset-stand-in-questions";
    private static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.FRENCH);

    private final JdbcCustomQuestionRepository customQuestions;
    private final JdbcSecurityAnswerRepository answers;
    private final JdbcTenantRepository tenants;
    private final AuthMethods methods;
    private final AuditLog audit;
    private final PasswordEncoder encoder;
    private final MessageSource messages;
    private final TransactionTemplate transaction;
    private final KeyedHash keyedHash;
    private final String standInHash;
    private final Clock clock;

    public SecurityQuestions(JdbcCustomQuestionRepository customQuestions, JdbcSecurityAnswerRepository answers,
            JdbcTenantRepository tenants, AuthMethods methods, AuditLog audit, PasswordEncoder encoder,
            MessageSource messages, PlatformTransactionManager transactions, KeyedHash keyedHash, Clock clock) {
        this.keyedHash = keyedHash;
        // What answers are checked against when there are none to check: a hash of nothing anyone can type.
        this.standInHash = encoder.encode(UUID.randomUUID().toString());
        this.customQuestions = customQuestions;
        this.answers = answers;
        this.tenants = tenants;
        this.methods = methods;
        this.audit = audit;
        this.encoder = encoder;
        this.messages = messages;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** The outcome of registering a set of questions and answers. */
    public sealed interface Registration {
        /** Registered; the person's security-questions method has this id. */
        record Registered(UUID methodId) implements Registration {
        }

        /** Not registered; the check says what to correct, row by row. */
        record Refused(AnswerRules.Check check) implements Registration {
        }
    }

    /**
     * How many questions people of this organisation register: its policy's number, kept within 3 to 5 so
     * that a bad value can neither weaken the method nor ask more than the form holds.
     */
    public int toRegister(UUID tenantId) {
        int policy = tenants.policy(tenantId).questionsToRegister();
        return Math.max(MIN_TO_REGISTER, Math.min(MAX_TO_REGISTER, policy));
    }

    /** The questions a person of this organisation may choose from: ours first, then the organisation's own. */
    public List<SecurityQuestion> choices(UUID tenantId, Locale locale) {
        List<SecurityQuestion> choices = new ArrayList<>();
        for (String id : QuestionCatalogue.ids()) {
            choices.add(new SecurityQuestion(id, messages.getMessage(QuestionCatalogue.messageKey(id), null, locale), false));
        }
        for (CustomQuestion question : customQuestions.list(tenantId)) {
            choices.add(new SecurityQuestion(question.id().toString(), question.text(), true));
        }
        return choices;
    }

    /** A question's text in a language, for asking it (e.g. at password reset); nothing for an unknown id. */
    public Optional<String> text(UUID tenantId, String questionId, Locale locale) {
        if (QuestionCatalogue.contains(questionId)) {
            return Optional.of(messages.getMessage(QuestionCatalogue.messageKey(questionId), null, locale));
        }
        return customQuestions.find(tenantId, questionId).map(CustomQuestion::text);
    }

    /**
     * Registers a person's questions and answers when they follow the rules ({@link AnswerRules}), replacing
     * any set they had. The first time, it adds their security-questions method (audited); afterwards the
     * same method stays and the replacement is audited.
     *
     * @throws IllegalArgumentException for an admin: questions are never theirs
     */
    public Registration register(User user, List<QuestionAnswer> rows, ClientInfo client) {
        if (user.role() == Role.ADMIN) {
            throw new IllegalArgumentException("Security questions are not for admins");
        }
        int required = toRegister(user.tenantId());
        AnswerRules.Check check = AnswerRules.check(rows, required, offered(user.tenantId()), localPart(user.email()));
        if (!check.valid()) {
            return new Registration.Refused(check);
        }
        Instant now = clock.instant();
        // Hashing is slow on purpose: done before the transaction, so no lock is held meanwhile.
        List<StoredAnswer> stored = rows.subList(0, required).stream()
                .map(row -> new StoredAnswer(row.questionId(), encoder.encode(AnswerNormaliser.normalise(row.answer())), now))
                .toList();
        UUID methodId = transaction.execute(status -> {
            answers.replace(user.id(), stored);
            Optional<AuthMethod> existing = methods.of(user.id()).stream()
                    .filter(m -> m.kind() == SecurityQuestionsKind.KIND).findFirst();
            if (existing.isPresent()) {
                audit.record(AuditEvent.of(AuditEventType.METHOD_ADDED, AuditResult.SUCCESS, user.email(), client)
                        .forUser(user.tenantId(), user.id())
                        .withDetail(SecurityQuestionsKind.KIND.id() + " (replaced)"));
                return existing.get().id();
            }
            return methods.add(user, UUID.randomUUID(), SecurityQuestionsKind.KIND, LABEL, Optional.empty(), Optional.empty(),
                    Optional.empty(), OptionalLong.empty(), client).id();
        });
        return new Registration.Registered(methodId);
    }

    /** How many questions the person has answered (none once their method is deleted). */
    public int registeredCount(UUID userId) {
        return answersOf(userId).size();
    }

    /**
     * Questions to ask, drawn at random from those the person answered, each at most once: {@code count} of
     * them, or all they have when that is fewer (none once their method is deleted).
     */
    public List<String> askRandom(UUID userId, int count, RandomGenerator random) {
        return draw(answersOf(userId).stream().map(StoredAnswer::questionId).toList(), count, random);
    }

    /**
     * Questions to ask a name whose account has none, drawn as {@link #askRandom} draws them from a set of
     * {@code setSize} {@link #standIns}: the page can't tell the two apart.
     */
    public List<String> askStandIns(String signInName, int setSize, int count, RandomGenerator random) {
        return draw(standIns(signInName, setSize), count, random);
    }

    private static List<String> draw(List<String> from, int count, RandomGenerator random) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        List<String> ids = new ArrayList<>(from);
        int drawn = Math.min(count, ids.size());
        // The first steps of a Fisher–Yates shuffle: every question equally likely in every place.
        for (int i = 0; i < drawn; i++) {
            Collections.swap(ids, i, i + random.nextInt(ids.size() - i));
        }
        return List.copyOf(ids.subList(0, drawn));
    }

    /**
     * Whether every answer given is right: true only when at least one is given, every question is one the
     * person answered, and every answer matches theirs once normalised. Always false once their
     * security-questions method is deleted.
     */
    public boolean verify(UUID userId, Map<String, String> answersByQuestionId) {
        if (answersByQuestionId.isEmpty()) {
            return false;
        }
        Map<String, String> hashes = answersOf(userId).stream()
                .collect(Collectors.toMap(StoredAnswer::questionId, StoredAnswer::answerHash));
        boolean allRight = true;
        for (Map.Entry<String, String> given : answersByQuestionId.entrySet()) {
            String hash = hashes.get(given.getKey());
            // Every answer is checked, even after a wrong one, so the time taken doesn't tell which was wrong.
            boolean right = hash != null && encoder.matches(AnswerNormaliser.normalise(given.getValue()), hash);
            allRight &= right;
        }
        return allRight;
    }

    /**
     * Checks answers against nothing, as long as checking real ones takes: for questions asked of an account that
     * has none, so that the answer takes the same time and is never right.
     */
    public boolean verifyNothing(Map<String, String> answersByQuestionId) {
        for (String given : answersByQuestionId.values()) {
            encoder.matches(AnswerNormaliser.normalise(given), standInHash);
        }
        return false;
    }

    /**
     * Questions of ours that stand in for an account without any (SPEC S9): {@code count} of them, always the same
     * ones for the same name, chosen with a keyed hash so that nobody can tell them from a real person's choice.
     */
    public List<String> standIns(String signInName, int count) {
        List<String> ids = new ArrayList<>(QuestionCatalogue.ids());
        String seed = keyedHash.hash(STAND_IN_PURPOSE, signInName);
        java.util.Random shuffle = new java.util.Random(seed.hashCode() * 31L + seed.length());
        Collections.shuffle(ids, shuffle);
        return List.copyOf(ids.subList(0, Math.min(count, ids.size())));
    }

    /** One of our own questions' text in a language, for any organisation. */
    public Optional<String> catalogueText(String questionId, Locale locale) {
        return QuestionCatalogue.contains(questionId)
                ? Optional.of(messages.getMessage(QuestionCatalogue.messageKey(questionId), null, locale))
                : Optional.empty();
    }

    /** Removes a person's answers; call it when their security-questions method is deleted. */
    /** Deleting the questions method on Security info deletes the answers with it, in the same transaction. */
    @EventListener
    void onMethodDeleted(SecurityInfoChanged event) {
        if (event.change() == ChangeKind.METHOD_DELETED
                && event.method().map(m -> m.kind() == SecurityQuestionsKind.KIND).orElse(false)) {
            delete(event.user().id());
        }
    }

    public void delete(UUID userId) {
        answers.delete(userId);
    }

    /**
     * The person's answers while they have the security-questions method. Should answers outlive a deleted
     * method, they must not let anyone reset the password with a method the person believes gone.
     */
    private List<StoredAnswer> answersOf(UUID userId) {
        boolean registered = methods.of(userId).stream().anyMatch(m -> m.kind() == SecurityQuestionsKind.KIND);
        return registered ? answers.forUser(userId) : List.of();
    }

    /** Each question offered to the organisation's people, with every text it has, for {@link AnswerRules}. */
    private Map<String, List<String>> offered(UUID tenantId) {
        Map<String, List<String>> offered = new LinkedHashMap<>();
        for (String id : QuestionCatalogue.ids()) {
            offered.put(id, LANGUAGES.stream()
                    .map(language -> messages.getMessage(QuestionCatalogue.messageKey(id), null, language))
                    .toList());
        }
        for (CustomQuestion question : customQuestions.list(tenantId)) {
            offered.put(question.id().toString(), List.of(question.text()));
        }
        return offered;
    }

    private static String localPart(String email) {
        int at = email.lastIndexOf('@');
        return at < 0 ? email : email.substring(0, at);
    }
}
