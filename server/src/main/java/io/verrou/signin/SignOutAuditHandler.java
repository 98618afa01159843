package io.verrou.signin;

import java.util.Optional;

import io.verrou.audit.AuditEvent;
import io.verrou.audit.AuditEventType;
import io.verrou.audit.AuditLog;
import io.verrou.audit.AuditResult;
import io.verrou.audit.ClientInfo;
import io.verrou.user.SignedInUser;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.stereotype.Component;

/** Records each sign-out in the audit log. */
@Component
public class SignOutAuditHandler implements LogoutHandler {

    private final AuditLog audit;
    private final ApplicationEventPublisher events;

    public SignOutAuditHandler(AuditLog audit, ApplicationEventPublisher events) {
        this.audit = audit;
        this.events = events;
    }

    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
        if (authentication != null && authentication.getPrincipal() instanceof SignedInUser user) {
            audit.record(new AuditEvent(AuditEventType.SIGN_OUT, AuditResult.SUCCESS, user.email(),
                    Optional.of(user.tenantId()), Optional.of(user.userId()), Optional.empty(),
                    ClientInfo.from(request), Optional.empty()));
            events.publishEvent(new SignedOut(user.userId(),
                    SignInDetails.of(authentication).map(SignInDetails::signInId)));
        }
    }
}
