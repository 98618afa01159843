package io.verrou.challenge;

import java.util.UUID;

/**
 * Published once a request a page waits on is answered — a push in the app, a call on the phone — so that the page
 * moves on at once ({@link WaitingBrowsers}).
 */
public interface Answered {

    /** The push request or the call's challenge. */
    UUID answeredId();

    /** Its state now, as the status requests of waiting pages report it: {@code APPROVED}, {@code DENIED}… */
    String answeredState();
}
