package io.verrou;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One response as a test browser saw it.
 *
 * @param status  HTTP status
 * @param body    the body as text
 * @param headers response headers, names in lower case
 */
public record Page(int status, String body, Map<String, List<String>> headers) {

    private static final Pattern H1 = Pattern.compile("<h1[^>]*>(.*?)</h1>", Pattern.DOTALL);
    private static final Pattern ERROR = Pattern.compile("class=\"error\"[^>]*>(.*?)</p>", Pattern.DOTALL);

    public boolean isRedirect() {
        return status >= 300 && status < 400;
    }

    public String location() {
        return header("location").orElseThrow(() -> new AssertionError("No Location header; status " + status));
    }

    public Optional<String> header(String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream())
                .findFirst();
    }

    public List<String> headerValues(String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream())
                .toList();
    }

    /** The page's only h1, or empty. */
    public String h1() {
        Matcher m = H1.matcher(body);
        return m.find() ? m.group(1).strip() : "";
    }

    /** The form's error message, or empty. */
    public String error() {
        Matcher m = ERROR.matcher(body);
        return m.find() ? m.group(1).strip() : "";
    }
}
