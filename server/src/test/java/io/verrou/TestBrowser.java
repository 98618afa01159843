package io.verrou;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plain HTTP client that behaves like a browser where the tests need it to: it keeps cookies, sends the
 * CSRF token (and the reset CAPTCHA's token) of the last form it was shown, and asks for HTML. Redirects are not followed by themselves,
 * so that tests can look at them; {@link #follow} does.
 */
public final class TestBrowser {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    /** Each browser comes from an address of its own, as different people do (the per-address limits count them). */
    private static final java.util.concurrent.atomic.AtomicInteger ADDRESSES = new java.util.concurrent.atomic.AtomicInteger();
    private static final Pattern CAPTCHA = Pattern.compile("name=\"captcha\" value=\"([^\"]+)\"");

    private final String base;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient client;
    private String language = "en";
    private String lastCsrf = "";
    private String lastCaptcha = "";
    private String address;
    private final java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();

    public TestBrowser(int port) {
        this.base = "http://localhost:" + port;
        int n = ADDRESSES.incrementAndGet();
        // 198.18.0.0/15, the range for tests; Verrou trusts X-Forwarded-For from a proxy on loopback.
        this.address = "198." + (18 + (n >> 16) % 2) + "." + ((n >> 8) & 255) + "." + (n & 255);
        this.client = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** Sends this header with every request from now on, e.g. an {@code Authorization}. */
    public TestBrowser withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** The CSRF token of the last form shown. */
    public String csrfToken() {
        return lastCsrf;
    }

    /** Posts a body exactly as given, already encoded: for bytes no browser would send, such as invalid UTF-8. */
    public Page postBody(String path, String encodedBody) {
        return send(request(path)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encodedBody)));
    }

    /** The client address this browser's requests come from. */
    public TestBrowser from(String address) {
        this.address = address;
        return this;
    }

    public String address() {
        return address;
    }

    public TestBrowser language(String language) {
        this.language = language;
        return this;
    }

    public Page get(String path) {
        return send(request(path).GET());
    }

    /** A GET as a page's script makes it: asking for JSON. */
    public Page getJson(String path) {
        return send(request(path).setHeader("Accept", "application/json").GET());
    }

    /** Posts a form with the CSRF token of the last page shown, as a browser submitting that page would. */
    public Page post(String path, String... namesAndValues) {
        List<String> fields = new ArrayList<>(List.of(namesAndValues));
        fields.add("_csrf");
        fields.add(lastCsrf);
        if (!lastCaptcha.isEmpty() && !fields.contains("captcha")) {
            fields.add("captcha");
            fields.add(lastCaptcha);
        }
        return postRaw(path, fields.toArray(String[]::new));
    }

    /** Posts exactly the given fields: no CSRF token unless the test adds one. */
    public Page postRaw(String path, String... namesAndValues) {
        StringBuilder form = new StringBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (form.length() > 0) {
                form.append('&');
            }
            form.append(URLEncoder.encode(namesAndValues[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
        }
        return send(request(path)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())));
    }

    public Page send(String method, String path) {
        return send(request(path).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    /** Follows redirects until a page that is not one. */
    public Page follow(Page page) {
        Page current = page;
        for (int hops = 0; current.isRedirect() && hops < 10; hops++) {
            current = get(current.location());
        }
        return current;
    }

    /** Sets a cookie, as someone who copied it from another browser would. */
    public TestBrowser withCookie(String name, String value) {
        HttpCookie cookie = new HttpCookie(name, value);
        cookie.setPath("/");
        cookie.setVersion(0);
        cookies.getCookieStore().add(URI.create(base + "/"), cookie);
        return this;
    }

    public Optional<HttpCookie> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).findFirst();
    }

    /** Signs in with a name and password, and returns the page it lands on. */
    public Page signIn(String email, String password) {
        // As a browser does: an ended session's page sends it on to a fresh one first.
        follow(get("/signin"));
        post("/signin", "email", email);
        get("/signin/password");
        return post("/signin/password", "password", password);
    }

    private HttpRequest.Builder request(String path) {
        URI uri = path.startsWith("http") ? URI.create(path) : URI.create(base + path);
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri);
        headers.forEach(builder::header);
        return builder
                .setHeader("Accept", "text/html,application/xhtml+xml")
                .header("Accept-Language", language)
                .header("X-Forwarded-For", address)
                .header("User-Agent", "VerrouTestBrowser/1.0");
    }

    private Page send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Page page = new Page(response.statusCode(), response.body(), response.headers().map());
            Matcher csrf = CSRF.matcher(page.body());
            if (csrf.find()) {
                lastCsrf = csrf.group(1);
            }
            Matcher captcha = CAPTCHA.matcher(page.body());
            if (captcha.find()) {
                lastCaptcha = captcha.group(1);
            }
            return page;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
