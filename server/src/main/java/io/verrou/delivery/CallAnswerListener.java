package io.verrou.delivery;

import java.util.UUID;

/**
 * Told when a person pressed keys during a call that {@link VoiceCaller} placed. Implemented elsewhere (by the
 * challenge package); there may be none or several.
 */
public interface CallAnswerListener {

    /**
     * @param callId the {@link VoiceCall#callId()} of the call
     * @param keys   what was pressed: {@code #} (approve) or {@code 0#} (report)
     */
    void answered(UUID callId, String keys);
}
