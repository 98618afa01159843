package io.verrou.delivery;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.stereotype.Component;

/**
 * A {@link CallAnswerListener} for the tests, found by component scan, that remembers every answer it hears.
 * Each test places calls with its own call ids, so that tests never see each other's answers.
 */
@Component
public class RecordingCallAnswerListener implements CallAnswerListener {

    public record Answer(UUID callId, String keys) {
    }

    private final List<Answer> answers = new CopyOnWriteArrayList<>();

    @Override
    public void answered(UUID callId, String keys) {
        answers.add(new Answer(callId, keys));
    }

    public List<String> keysFor(UUID callId) {
        return answers.stream().filter(a -> a.callId().equals(callId)).map(Answer::keys).toList();
    }
}
