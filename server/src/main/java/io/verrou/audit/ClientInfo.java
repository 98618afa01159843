package io.verrou.audit;

import java.io.Serializable;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Where a request came from, as recorded in the audit log and shown to people in their activity.
 *
 * @param ip        the client's address
 * @param userAgent the browser's self-description, cleaned of control characters and shortened
 */
public record ClientInfo(String ip, String userAgent) implements Serializable {

    static final int MAX_USER_AGENT = 512;

    public ClientInfo {
        ip = clean(ip, 64);
        userAgent = clean(userAgent, MAX_USER_AGENT);
    }

    public static ClientInfo from(HttpServletRequest request) {
        return new ClientInfo(request.getRemoteAddr(), request.getHeader("User-Agent"));
    }

    /** For events that no browser caused (start-up, scheduled work). */
    public static ClientInfo system() {
        return new ClientInfo("", "verrou");
    }

    private static String clean(String value, int max) {
        if (value == null) {
            return "";
        }
        String printable = value.codePoints()
                .filter(c -> !Character.isISOControl(c) && Character.getType(c) != Character.FORMAT)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return printable.length() <= max ? printable : printable.substring(0, max);
    }
}
