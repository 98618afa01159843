package io.verrou.registration;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpSession;

/**
 * What the wizard keeps between its pages, in the session: a step chosen instead of the next required one, what
 * the setup screens asked it to keep (a secret being set up, a code sent), where to go back to when it was opened
 * from Security info, and what was added so far.
 */
final class WizardSession {

    private static final String PREFIX = WizardSession.class.getName() + ".";
    private static final String KEPT = PREFIX + "KEPT.";
    private static final String CHOSEN = PREFIX + "CHOSEN";
    private static final String ADDED = PREFIX + "ADDED";
    private static final String STARTED = PREFIX + "STARTED";
    private static final String RETURN_TO = PREFIX + "RETURN_TO";
    private static final String REPLACES = PREFIX + "REPLACES";

    private final HttpSession session;

    WizardSession(HttpSession session) {
        this.session = session;
    }

    /** The name of the step chosen instead of the next required one. */
    Optional<String> chosen() {
        return Optional.ofNullable((String) session.getAttribute(CHOSEN));
    }

    void choose(String step) {
        session.setAttribute(CHOSEN, step);
    }

    void keep(Serializable value) {
        session.setAttribute(KEPT + value.getClass().getName(), value);
    }

    <T extends Serializable> Optional<T> kept(Class<T> type) {
        Object value = session.getAttribute(KEPT + type.getName());
        return type.isInstance(value) ? Optional.of(type.cast(value)) : Optional.empty();
    }

    void forget(Class<?> type) {
        session.removeAttribute(KEPT + type.getName());
    }

    /** Where to go once the chosen method is set up, when the wizard was opened from Security info. */
    Optional<String> returnTo() {
        return Optional.ofNullable((String) session.getAttribute(RETURN_TO));
    }

    /** The method the one being set up replaces ("Change" on Security info). */
    Optional<UUID> replaces() {
        return Optional.ofNullable((UUID) session.getAttribute(REPLACES));
    }

    void openFrom(String returnTo, String step, Optional<UUID> replaces) {
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

    /** A method was verified: what its screens kept goes, and the method is listed on Success!. */
    void methodAdded(UUID methodId) {
        List<UUID> added = new ArrayList<>(added());
        added.add(methodId);
        session.setAttribute(ADDED, added);
        forgetKept();
        session.removeAttribute(CHOSEN);
    }

    void clear() {
        forgetKept();
        for (String key : List.of(CHOSEN, ADDED, STARTED, RETURN_TO, REPLACES)) {
            session.removeAttribute(key);
        }
    }

    private void forgetKept() {
        for (String name : Collections.list(session.getAttributeNames())) {
            if (name.startsWith(KEPT)) {
                session.removeAttribute(name);
            }
        }
    }
}
