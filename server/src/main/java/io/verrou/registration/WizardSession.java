package io.verrou.registration;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.verrou.method.totp.PendingTotp;

import jakarta.servlet.http.HttpSession;

/**
 * What the wizard keeps between its pages, in the session: the app being set up (its secret sealed), the
 * phone being verified, a method chosen instead of the next required one, and what was added so far.
 */
final class WizardSession {

    private static final String PREFIX = WizardSession.class.getName() + ".";
    private static final String TOTP = PREFIX + "TOTP";
    private static final String PHONE = PREFIX + "PHONE";
    private static final String CHOSEN = PREFIX + "CHOSEN";
    private static final String ADDED = PREFIX + "ADDED";
    private static final String STARTED = PREFIX + "STARTED";
    private static final String RETURN_TO = PREFIX + "RETURN_TO";
    private static final String REPLACES = PREFIX + "REPLACES";

    private final HttpSession session;

    WizardSession(HttpSession session) {
        this.session = session;
    }

    Optional<PendingTotp> pendingTotp() {
        return Optional.ofNullable((PendingTotp) session.getAttribute(TOTP));
    }

    void pendingTotp(PendingTotp pending) {
        session.setAttribute(TOTP, pending);
    }

    Optional<PhoneChallenge> phone() {
        return Optional.ofNullable((PhoneChallenge) session.getAttribute(PHONE));
    }

    void phone(PhoneChallenge phone) {
        session.setAttribute(PHONE, phone);
    }

    Optional<RegistrationStep> chosen() {
        return Optional.ofNullable((RegistrationStep) session.getAttribute(CHOSEN));
    }

    void choose(RegistrationStep step) {
        session.setAttribute(CHOSEN, step);
    }

    /** Where to go once the chosen method is set up, when the wizard was opened from Security info. */
    Optional<String> returnTo() {
        return Optional.ofNullable((String) session.getAttribute(RETURN_TO));
    }

    /** The method the one being set up replaces ("Change" on Security info). */
    Optional<UUID> replaces() {
        return Optional.ofNullable((UUID) session.getAttribute(REPLACES));
    }

    void openFrom(String returnTo, RegistrationStep step, Optional<UUID> replaces) {
        clear();
        session.setAttribute(RETURN_TO, returnTo);
        session.setAttribute(CHOSEN, step);
        replaces.ifPresent(id -> session.setAttribute(REPLACES, id));
    }

    boolean started() {
        return session.getAttribute(STARTED) != null;
    }

    void markStarted() {
        session.setAttribute(STARTED, Boolean.TRUE);
    }

    @SuppressWarnings("unchecked")
    List<UUID> added() {
        Object added = session.getAttribute(ADDED);
        return added instanceof List<?> list ? (List<UUID>) list : List.of();
    }

    /** A method was verified: the step's leftovers go, and the method is listed on Success!. */
    void methodAdded(UUID methodId) {
        List<UUID> added = new ArrayList<>(added());
        added.add(methodId);
        session.setAttribute(ADDED, added);
        session.removeAttribute(TOTP);
        session.removeAttribute(PHONE);
        session.removeAttribute(CHOSEN);
    }

    void clear() {
        for (String key : List.of(TOTP, PHONE, CHOSEN, ADDED, STARTED, RETURN_TO, REPLACES)) {
            session.removeAttribute(key);
        }
    }
}
