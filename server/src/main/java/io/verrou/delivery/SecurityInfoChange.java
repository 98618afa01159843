package io.verrou.delivery;

import java.time.Instant;
import java.util.Objects;

import io.verrou.audit.ClientInfo;

/**
 * One change to a person's security info, as the email about it tells it.
 *
 * @param kind    what happened
 * @param detail  which method, already masked and in the person's language, e.g. {@code Phone +33 6•• •• •• 78};
 *                empty when there is nothing to add ({@link ChangeKind#SIGNED_OUT_EVERYWHERE},
 *                {@link ChangeKind#PASSWORD_CHANGED})
 * @param when    when it happened
 * @param ip      the address of the browser that made it; empty when none did
 * @param browser that browser's user agent, shortened to {@value #MAX_BROWSER} characters at most; empty when none
 */
public record SecurityInfoChange(ChangeKind kind, String detail, Instant when, String ip, String browser) {

    /** Longer user agents are cut: enough to recognise a browser, not a wall of text in an email. */
    public static final int MAX_BROWSER = 160;

    public SecurityInfoChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(when, "when");
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(browser, "browser");
        detail = detail.strip();
        ip = ip.strip();
        browser = browser.strip();
        if (browser.length() > MAX_BROWSER) {
            browser = browser.substring(0, MAX_BROWSER - 1) + "…";
        }
    }

    /** A change made from a request: its address and user agent, as the audit log records them. */
    public static SecurityInfoChange of(ChangeKind kind, String detail, Instant when, ClientInfo client) {
        return new SecurityInfoChange(kind, detail, when, client.ip(), client.userAgent());
    }
}
