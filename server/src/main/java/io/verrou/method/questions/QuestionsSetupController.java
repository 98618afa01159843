package io.verrou.method.questions;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import io.verrou.audit.ClientInfo;
import io.verrou.method.SetupPages;
import io.verrou.method.questions.SecurityQuestions.Registration;
import io.verrou.user.JdbcUserRepository;
import io.verrou.user.SignedInUser;
import io.verrou.user.User;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The "Security questions" step of the wizard (SPEC S3, S4.5): a drop-down and an answer per question the
 * policy asks for. Never shown to admins, nor when the organisation doesn't allow the method. Like every
 * wizard step, the security filter chain makes anyone who already has a sign-in method prove it first.
 */
@Controller
class QuestionsSetupController {

    /** Longer answers are refused, and not shown back either: nobody types that much by mistake. */
    private static final int MAX_SHOWN_BACK = 100;

    private final SecurityQuestions questions;
    private final JdbcUserRepository users;
    private final SetupPages pages;

    QuestionsSetupController(SecurityQuestions questions, JdbcUserRepository users, SetupPages pages) {
        this.questions = questions;
        this.users = users;
        this.pages = pages;
    }

    @GetMapping("/register/questions")
    String form(@AuthenticationPrincipal SignedInUser signedIn, Locale locale, Model model) {
        User user = user(signedIn);
        if (!offeredTo(user)) {
            return "redirect:/register/setup";
        }
        List<Row> rows = IntStream.rangeClosed(1, questions.toRegister(user.tenantId()))
                .mapToObj(n -> new Row(n, "", "", "", ""))
                .toList();
        return page(user, rows, locale, model);
    }

    @PostMapping("/register/questions")
    String register(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam Map<String, String> form,
            HttpSession session, HttpServletRequest request, HttpServletResponse response, Locale locale, Model model) {
        User user = user(signedIn);
        if (!offeredTo(user)) {
            return "redirect:/register/setup";
        }
        List<QuestionAnswer> typed = IntStream.rangeClosed(1, questions.toRegister(user.tenantId()))
                .mapToObj(n -> new QuestionAnswer(form.get("question" + n), form.get("answer" + n)))
                .toList();
        Registration result = questions.register(user, typed, ClientInfo.from(request));
        if (result instanceof Registration.Registered registered) {
            // Questions prove nothing at sign-in, so no factor is added to the session.
            return pages.completed(registered.methodId(), Optional.empty(), session, request, response);
        }
        AnswerRules.Check check = ((Registration.Refused) result).check();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < typed.size(); i++) {
            QuestionAnswer row = typed.get(i);
            AnswerRules.RowCheck errors = check.rows().get(i);
            String answer = row.answer().length() <= MAX_SHOWN_BACK ? row.answer() : "";
            rows.add(new Row(i + 1, row.questionId(), answer, errors.questionError().orElse(""),
                    errors.answerError().orElse("")));
        }
        return page(user, rows, locale, model);
    }

    /** Not to admins, nor where the organisation's policy doesn't allow questions: the wizard's own rule. */
    private boolean offeredTo(User user) {
        return pages.offered(user, SecurityQuestionsKind.STEP);
    }

    private String page(User user, List<Row> rows, Locale locale, Model model) {
        List<SecurityQuestion> choices = questions.choices(user.tenantId(), locale);
        model.addAttribute("rows", rows);
        model.addAttribute("suggested", choices.stream().filter(q -> !q.custom()).toList());
        model.addAttribute("custom", choices.stream().filter(SecurityQuestion::custom).toList());
        return pages.page(user, SecurityQuestionsKind.STEP, model, "method/questions/setup");
    }

    private User user(SignedInUser signedIn) {
        return users.findById(signedIn.userId()).orElseThrow();
    }

    /**
     * One question of the form, as shown.
     *
     * @param number        1, 2, 3…: names the fields ({@code question1}, {@code answer1})
     * @param questionId    the question chosen, or empty
     * @param answer        the answer typed, or empty
     * @param questionError the message key of what is wrong with the question, or empty
     * @param answerError   the message key of what is wrong with the answer, or empty
     */
    record Row(int number, String questionId, String answer, String questionError, String answerError) {

        /** Leaves the answer out. */
        @Override
        public String toString() {
            return "Row[number=" + number + ", questionId=" + questionId + "]";
        }
    }
}
