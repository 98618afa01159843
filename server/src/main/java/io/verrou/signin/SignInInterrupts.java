package io.verrou.signin;

import java.util.List;

import io.verrou.signin.SignInInterrupt.Stage;
import io.verrou.user.User;

import jakarta.servlet.http.HttpSession;

import org.springframework.stereotype.Component;

/** Every {@link SignInInterrupt}, asked in turn at their stage of sign-in. */
@Component
class SignInInterrupts {

    private final List<SignInInterrupt> interrupts;

    SignInInterrupts(List<SignInInterrupt> interrupts) {
        this.interrupts = List.copyOf(interrupts);
    }

    /** Where to go next: the first interrupt of {@code stage} that is due, else {@code target}. */
    String next(Stage stage, User user, String target, HttpSession session) {
        for (SignInInterrupt interrupt : interrupts) {
            if (interrupt.stage() == stage) {
                String next = interrupt.afterSignIn(user, target, session);
                if (!next.equals(target)) {
                    return next;
                }
            }
        }
        return target;
    }
}
