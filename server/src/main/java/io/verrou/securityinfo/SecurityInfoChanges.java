package io.verrou.securityinfo;

import io.verrou.method.AuthMethod;
import io.verrou.user.User;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Component;

/**
 * Tells people about every change to their security info (SPEC S6) — the "Security info changed" email.
 */
@Component
class SecurityInfoChanges {

    void defaultChanged(User user, java.util.UUID methodId, HttpServletRequest request) {
    }

    void deleted(User user, AuthMethod method, HttpServletRequest request) {
    }

    void signedOutEverywhere(User user, HttpServletRequest request) {
    }
}
