package io.verrou.method.authenticator;

/**
 * A browser's self-description (its {@code User-Agent}) said the way a person reads it in the app:
 * "Firefox on Linux", "Edge on Windows", "Safari on iOS".
 */
final class BrowserNames {

    static final String UNKNOWN = "Unknown browser";

    private BrowserNames() {
    }

    static String describe(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return UNKNOWN;
        }
        String browser = browser(userAgent);
        String system = system(userAgent);
        return system == null ? browser : browser + " on " + system;
    }

    private static String browser(String ua) {
        if (ua.contains("Edg/") || ua.contains("EdgA/") || ua.contains("EdgiOS/")) {
            return "Edge";
        }
        if (ua.contains("OPR/") || ua.contains("Opera")) {
            return "Opera";
        }
        if (ua.contains("SamsungBrowser/")) {
            return "Samsung Internet";
        }
        if (ua.contains("Firefox/") || ua.contains("FxiOS/")) {
            return "Firefox";
        }
        if (ua.contains("Chromium/")) {
            return "Chromium";
        }
        if (ua.contains("Chrome/") || ua.contains("CriOS/")) {
            return "Chrome";
        }
        if (ua.contains("Safari/") && ua.contains("Version/")) {
            return "Safari";
        }
        // A program rather than a browser, e.g. "curl/8.5.0": its own name, when it reads like one.
        String product = ua.strip().split("[/ ]", 2)[0];
        return product.matches("[A-Za-z][A-Za-z0-9._-]{0,39}") ? product : UNKNOWN;
    }

    private static String system(String ua) {
        if (ua.contains("Windows")) {
            return "Windows";
        }
        if (ua.contains("iPhone") || ua.contains("iPod")) {
            return "iOS";
        }
        if (ua.contains("iPad")) {
            return "iPadOS";
        }
        if (ua.contains("Android")) {
            return "Android";
        }
        if (ua.contains("CrOS")) {
            return "ChromeOS";
        }
        if (ua.contains("Mac OS X") || ua.contains("Macintosh")) {
            return "macOS";
        }
        if (ua.contains("Linux") || ua.contains("X11")) {
            return "Linux";
        }
        return null;
    }
}
