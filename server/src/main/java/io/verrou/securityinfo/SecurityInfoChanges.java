package io.verrou.securityinfo;

import java.util.Locale;

import io.verrou.delivery.SecurityInfoChange;
import io.verrou.method.AuthMethod;
import io.verrou.method.MethodViews;
import io.verrou.method.SecurityInfoChanged;
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
        notifier.notify(event.user(), SecurityInfoChange.of(event.change(), detail, event.when(), event.client()), locale);
    }

    private String describe(AuthMethod method, Locale locale) {
        var view = views.of(method);
        String name = messages.getMessage(view.nameKey(), null, locale);
        return view.detail().isEmpty() ? name : name + " " + view.detail();
    }
}
