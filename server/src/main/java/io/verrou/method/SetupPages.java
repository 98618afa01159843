package io.verrou.method;

import java.io.Serializable;
import java.util.Optional;
import java.util.UUID;

import io.verrou.user.User;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.ui.Model;

/**
 * What a method kind's setup screens get from the wizard that shows them, in the registration interrupt and from
 * "+ Add sign-in method": the frame of the page, the rules of what may be added, and what happens once a method is
 * verified. The wizard implements it; the kinds only use it.
 */
public interface SetupPages {

    /**
     * Fills the model of a setup page — the organisation, the stepper ("Method 1 of 2: App"), whether another method
     * can be chosen — and returns {@code view}.
     */
    String page(User user, SetupStep step, Model model, String view);

    /**
     * Whether the person may add one more method at this step: the policy offers it to them and they have fewer
     * than its limit. A change of a method they have ({@link #replacing}) is always allowed.
     */
    boolean offered(User user, SetupStep step);

    /** The method the one being set up replaces ("Change" on Security info), if any. */
    Optional<UUID> replacing(HttpSession session);

    /**
     * A method was verified and registered: it is listed on Success!, the factor it proved (if any) is added to the
     * session, and the wizard goes on; returns where to.
     */
    String completed(UUID methodId, Optional<String> factor, HttpSession session, HttpServletRequest request,
            HttpServletResponse response);

    /** Keeps what the next screen of a setup needs (the secret being set up, the code sent) until the wizard ends. */
    void keep(HttpSession session, Serializable value);

    /** What {@link #keep} kept of this type. */
    <T extends Serializable> Optional<T> kept(HttpSession session, Class<T> type);

    /** Drops what {@link #keep} kept of this type. */
    void forget(HttpSession session, Class<? extends Serializable> type);
}
