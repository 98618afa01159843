package io.verrou.authenticator;

import java.time.Duration;

/**
 * Waits for a while. {@code watch} needs it in one case only (an answer that brings nothing new comes back at once),
 * and takes it as a parameter so that tests can observe the wait instead of sitting through it.
 */
@FunctionalInterface
interface Pause {

    /**
     * Returns after the given duration.
     *
     * @param duration how long to wait
     * @throws InterruptedException if the thread is interrupted meanwhile
     */
    void pause(Duration duration) throws InterruptedException;

    /**
     * Returns the pause of the real program, which blocks the calling thread.
     *
     * @return a pause that sleeps
     */
    static Pause sleeping() {
        return duration -> Thread.sleep(duration.toMillis());
    }
}
