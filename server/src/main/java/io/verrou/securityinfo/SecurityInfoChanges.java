package io.verrou.securityinfo;

import java.util.Locale;

import io.verrou.method.AuthMethod;
import io.verrou.method.MethodViews;
import io.verrou.method.SecurityInfoChanged;
import io.verrou.securityinfo.notify.ChangeKind;
import io.verrou.securityinfo.notify.SecurityInfoChange;
import io.verrou.securityinfo.notify.SecurityInfoNotifier;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Tells people about every change to their security info (SPEC S6): once the change is committed, a
 * "Your security info was changed" email in their language, naming the method as their pages do.
 */
@Component
class SecurityInfoChanges {

    private final SecurityInfoNotifier notifier;
    private final MethodViews views;
    private final MessageSource messages;

    SecurityInfoChanges(SecurityInfoNotifier notifier, MethodViews views, MessageSource messages) {
        this.notifier = notifier;
        this.views = views;
        this.messages = messages;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void changed(SecurityInfoChanged event) {
        Locale locale = LocaleContextHolder.getLocale();
        String detail = event.method().map(m -> describe(m, locale)).orElse("");
        ChangeKind kind = switch (event.change()) {
            case METHOD_ADDED -> ChangeKind.METHOD_ADDED;
            case METHOD_CHANGED -> ChangeKind.METHOD_CHANGED;
            case METHOD_DELETED -> ChangeKind.METHOD_DELETED;
            case DEFAULT_CHANGED -> ChangeKind.DEFAULT_CHANGED;
            case SIGNED_OUT_EVERYWHERE -> ChangeKind.SIGNED_OUT_EVERYWHERE;
            case PASSWORD_CHANGED -> ChangeKind.PASSWORD_CHANGED;
        };
        notifier.notify(event.user(), SecurityInfoChange.of(kind, detail, event.when(), event.client()), locale);
    }

    private String describe(AuthMethod method, Locale locale) {
        var view = views.of(method);
        String name = messages.getMessage(view.nameKey(), null, locale);
        return view.detail().isEmpty() ? name : name + " " + view.detail();
    }
}
