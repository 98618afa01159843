package io.verrou.delivery;

import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Where every provider reports the keys pressed during a call: checks them and tells each
 * {@link CallAnswerListener}. One listener failing does not keep the others from hearing the answer.
 */
@Component
public class CallAnswers {

    /** Approve. */
    public static final String APPROVE = "#";
    /** Report: "I didn't try to sign in". */
    public static final String REPORT = "0#";

    private static final Logger log = LoggerFactory.getLogger(CallAnswers.class);
    private static final Set<String> VALID = Set.of(APPROVE, REPORT);

    private final ObjectProvider<CallAnswerListener> listeners;

    public CallAnswers(ObjectProvider<CallAnswerListener> listeners) {
        this.listeners = listeners;
    }

    /** Whether these are keys a call understands: {@code #} or {@code 0#}. */
    public static boolean valid(String keys) {
        return keys != null && VALID.contains(keys);
    }

    /**
     * Tells every listener that the call was answered.
     *
     * @throws IllegalArgumentException when the keys are neither {@code #} nor {@code 0#}
     */
    public void answered(UUID callId, String keys) {
        if (!valid(keys)) {
            throw new IllegalArgumentException("Unexpected keys");
        }
        log.info("Call {} answered with {}", callId, keys);
        listeners.orderedStream().forEach(listener -> {
            try {
                listener.answered(callId, keys);
            } catch (RuntimeException e) {
                log.error("A call answer listener ({}) failed for call {}", listener.getClass().getName(), callId, e);
            }
        });
    }
}
