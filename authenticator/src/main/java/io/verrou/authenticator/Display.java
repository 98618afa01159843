package io.verrou.authenticator;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * How values from the server or the state file are shown on the terminal.
 */
final class Display {

    private Display() {
    }

    /**
     * Makes text from the server safe to print: a sign-in request's browser or app name is partly chosen by whoever
     * started the sign-in, and escape sequences or bidirectional overrides in it could rewrite what the terminal
     * shows (for instance hide the IP address), so every control or bidi-formatting character becomes {@code ?}.
     *
     * @param text the text to print
     * @return the text with control and bidi-formatting characters replaced
     */
    static String safe(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(isUnsafe(c) ? '?' : c));
        return out.toString();
    }

    private static boolean isUnsafe(int c) {
        return Character.isISOControl(c)
                || (c >= 0x202A && c <= 0x202E) // LRE, RLE, PDF, LRO, RLO
                || (c >= 0x2066 && c <= 0x2069) // LRI, RLI, FSI, PDI
                || c == 0x200E || c == 0x200F || c == 0x061C; // LRM, RLM, ALM
    }

    /**
     * Formats an instant as an ISO local date-time, to the second, in the given zone.
     *
     * @param instant the instant
     * @param zone    the zone of the person's clock
     * @return for example {@code 2025-11-25T11:00:00}
     */
    static String localTime(Instant instant, ZoneId zone) {
        return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
                LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.SECONDS), zone));
    }

    /**
     * Describes a pending sign-in request on one line: app, browser, IP address, time, kind and id.
     *
     * @param request the request
     * @param zone    the zone of the person's clock
     * @return the line to print
     */
    static String request(PendingRequest request, ZoneId zone) {
        return "app: " + safe(request.app())
                + " | browser: " + safe(request.browser())
                + " | IP: " + safe(request.ip())
                + " | time: " + localTime(request.createdAt(), zone)
                + " | kind: " + safe(request.kind())
                + " | id: " + safe(request.id());
    }
}
