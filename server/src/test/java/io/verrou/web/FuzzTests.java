package io.verrou.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.verrou.MutableClock;
import io.verrou.Page;
import io.verrou.TestAccounts;
import io.verrou.TestBrowser;
import io.verrou.TestRegistrations;
import io.verrou.TestRegistrations.Registered;
import io.verrou.VerrouTest;
import io.verrou.tenant.Tenant;
import io.verrou.user.Role;
import io.verrou.user.User;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Generated input at every form and every JSON endpoint Verrou has (found from its own request mappings, so a new
 * route is fuzzed without being listed here): missing fields, 10 kB values, control characters, invalid UTF-8,
 * wrong types, forged and replayed CSRF tokens, other organisations' ids. Nothing answers 5xx, nothing rejected
 * changes anything, and no answer carries a secret or an internal detail. The values come from jqwik's generators;
 * a failure names the request and the input that caused it.
 */
@VerrouTest
class FuzzTests {

    private static final long SEED = 20261204L;
    private static final int TRIES_PER_ROUTE = 30;
    private static final Pattern TRACE = Pattern.compile("Exception|at io\\.verrou\\.|java\\.lang\\.|org\\.springframework\\.|SQLState|SQL statement");
    /** Routes that end the session they are sent in; fuzzed last, each with a session of its own. */
    private static final Set<String> ENDING = Set.of("/signout", "/account/security-info/signout-everywhere");

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;
    @Autowired
    MutableClock clock;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    TestRegistrations registrations;
    Tenant contoso;
    Registered admin;
    User colleague;
    User stranger;
    final Random random = new Random(SEED);

    @BeforeEach
    void organisation() {
        registrations = new TestRegistrations(port, clock);
        contoso = accounts.newTenantNamed("Contoso");
        admin = registrations.register(accounts.newUser(contoso, "root", Role.ADMIN));
        colleague = accounts.newUser(contoso, "colleague", Role.USER);
        stranger = accounts.newUser();
    }

    /** A route and the form fields its handler reads. */
    private record Route(String pattern, RequestMethod method, List<String> fields) {
    }

    private List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
            Set<RequestMethod> methods = entry.getKey().getMethodsCondition().getMethods();
            List<String> fields = new ArrayList<>();
            for (Parameter parameter : entry.getValue().getMethod().getParameters()) {
                RequestParam param = parameter.getAnnotation(RequestParam.class);
                if (param != null) {
                    String name = !param.name().isEmpty() ? param.name() : !param.value().isEmpty() ? param.value()
                            : parameter.getName();
                    fields.add(name);
                }
            }
            for (String pattern : entry.getKey().getPatternValues()) {
                if (pattern.startsWith("/test/") || pattern.equals("/error")) {
                    continue;
                }
                for (RequestMethod method : methods) {
                    if (method == RequestMethod.POST || method == RequestMethod.DELETE || pattern.startsWith("/api/")
                            || pattern.endsWith(".json") || pattern.endsWith("/status")) {
                        routes.add(new Route(pattern, method, fields));
                    }
                }
            }
        }
        routes.sort(Comparator.comparing((Route r) -> ENDING.contains(r.pattern())).thenComparing(Route::pattern));
        return routes;
    }

    /** What the fields get: jqwik's strings and edge cases, long and short, and values of the wrong kind. */
    private static Arbitrary<String> values(List<String> ids) {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.strings().ofMaxLength(24)),
                net.jqwik.api.Tuple.of(2, Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMinLength(1).ofMaxLength(8)),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().alpha().ofLength(10_240)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().map(String::valueOf)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(ids)),
                net.jqwik.api.Tuple.of(3, Arbitraries.of("", " ", "-1", "0", "1", "99999999999999999999999", "true", "on",
                        "null", "{}", "[]", "<script>alert(1)</script>", "' OR 1=1 --", "../../etc/passwd", "%00", "\u202e",
                        "alice@", "@@@", "a@b.c", "+33612345678", "#", "0#", "FR", "zz", "sms", "voice", "app_code",
                        "questions", "email", "app_notification", "users.read", "\uD83D\uDE00", "\uD800")));
    }

    private final Map<Arbitrary<String>, java.util.Iterator<String>> samples = new java.util.IdentityHashMap<>();

    /** The next generated value (jqwik's samples, outside a property). */
    private String sample(Arbitrary<String> values, Random ignored) {
        return samples.computeIfAbsent(values, v -> v.sampleStream().iterator()).next();
    }

    /** The state a rejected request must leave as it was. */
    private String fingerprint() {
        return jdbc.sql("""
                SELECT (SELECT COUNT(*) FROM app_user) || '/' || (SELECT COUNT(*) FROM auth_method) || '/'
                    || (SELECT COUNT(*) FROM api_token) || '/' || (SELECT COUNT(*) FROM temporary_access_pass) || '/'
                    || (SELECT COUNT(*) FROM app_user WHERE state = 'DISABLED') || '/'
                    || (SELECT COUNT(*) FROM app_user WHERE role = 'ADMIN') || '/'
                    || (SELECT COALESCE(SUM(reset_methods_required + questions_to_register + remember_mfa_days
                            + session_idle_minutes + sms_daily_cap + CASE WHEN reset_enabled THEN 1 ELSE 0 END), 0)
                        FROM tenant_policy) || '/'
                    || (SELECT COUNT(*) FROM tenant_method_policy WHERE enabled) || '/'
                    || (SELECT COUNT(*) FROM security_answer)""").query(String.class).single();
    }

    private String path(String pattern, List<String> ids) {
        Matcher variable = Pattern.compile("\\{[^}]+}").matcher(pattern);
        StringBuilder path = new StringBuilder();
        while (variable.find()) {
            variable.appendReplacement(path, Matcher.quoteReplacement(ids.get(random.nextInt(ids.size()))));
        }
        variable.appendTail(path);
        return path.toString();
    }

    private TestBrowser signedInAdmin() {
        clock.advance(java.time.Duration.ofSeconds(30));
        TestBrowser browser = registrations.signedIn(admin);
        browser.get("/admin/users");
        return browser;
    }

    @Test
    void everyRouteTakesGeneratedInputWithoutAServerErrorALeakOrAChangeWhenItRefuses() {
        List<String> ids = List.of(UUID.randomUUID().toString(), colleague.id().toString(), stranger.id().toString(),
                "not-a-uuid", "..", "%2e%2e", "0", UUID.randomUUID() + "x");
        Arbitrary<String> values = values(ids);
        Arbitrary<String> extraNames = Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12);
        Set<String> secrets = new LinkedHashSet<>(List.of(TestAccounts.PASSWORD,
                io.verrou.otp.Base32.encode(admin.secret()), "dGVzdC1vbmx5LWtleS10ZXN0LW9ubHkta2V5LTMyYnk="));
        String replayedToken = replayedCsrfToken();
        TestBrowser browser = signedInAdmin();
        String apiToken = apiToken(browser);
        secrets.add(apiToken);
        TestBrowser api = new TestBrowser(port).withHeader("Authorization", "Bearer " + apiToken);
        int requests = 0;
        for (Route route : routes()) {
            for (int i = 0; i < TRIES_PER_ROUTE; i++) {
                if (ENDING.contains(route.pattern()) || browser.get("/account").status() != 200) {
                    browser = signedInAdmin();
                }
                List<String> form = new ArrayList<>();
                for (String field : route.fields()) {
                    if (random.nextInt(5) > 0) {
                        form.add(field);
                        form.add(sample(values, random));
                    }
                }
                if (random.nextInt(4) == 0) {
                    form.add(sample(extraNames, random));
                    form.add(sample(values, random));
                }
                String path = path(route.pattern(), ids);
                String before = fingerprint();
                Page page = send(route.pattern().startsWith("/api/v1/") ? api : browser, route, path, form, i, replayedToken);
                requests++;
                String what = route.method() + " " + path + " " + form.stream().map(v -> v.length() > 40 ? v.substring(0, 40) + "…" : v).toList();
                assertThat(page.status()).as(what).isLessThan(500);
                assertThat(page.body()).as(what).doesNotContainPattern(TRACE);
                for (String secret : secrets) {
                    assertThat(page.body()).as(what + " reveals a secret").doesNotContain(secret);
                }
                if (page.status() >= 400) {
                    assertThat(fingerprint()).as(what + " was refused (" + page.status() + ") yet changed something")
                            .isEqualTo(before);
                }
            }
        }
        assertThat(requests).as("thousands of generated requests").isGreaterThan(1000);
    }

    /** Sends one request: mostly with the page's token, sometimes without one, with a forged one or an old one. */
    private Page send(TestBrowser browser, Route route, String path, List<String> form, int attempt, String replayed) {
        if (route.method() == RequestMethod.GET) {
            StringBuilder query = new StringBuilder(path).append('?');
            for (int i = 0; i + 1 < form.size(); i += 2) {
                query.append(java.net.URLEncoder.encode(form.get(i), java.nio.charset.StandardCharsets.UTF_8)).append('=')
                        .append(java.net.URLEncoder.encode(form.get(i + 1), java.nio.charset.StandardCharsets.UTF_8)).append('&');
            }
            return path.startsWith("/api/") || path.endsWith(".json") || path.endsWith("/status")
                    ? browser.getJson(query.toString()) : browser.get(query.toString());
        }
        if (route.method() == RequestMethod.DELETE) {
            return browser.send("DELETE", path);
        }
        return switch (attempt % 10) {
            case 0 -> browser.postRaw(path, form.toArray(String[]::new));
            case 1 -> {
                List<String> forged = new ArrayList<>(form);
                forged.addAll(List.of("_csrf", replayed));
                yield browser.postRaw(path, forged.toArray(String[]::new));
            }
            case 2 -> browser.postBody(path, "_csrf=" + csrfOf(browser) + "&" + route.fields().stream().findFirst().orElse("x")
                    + "=%C3%28%FF%FE%ED%A0%80");
            default -> browser.post(path, form.toArray(String[]::new));
        };
    }

    private static String csrfOf(TestBrowser browser) {
        return java.net.URLEncoder.encode(browser.csrfToken(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** An admin API token with every scope, so that the API's routes are reached, not only refused. */
    private static String apiToken(TestBrowser console) {
        console.get("/admin/api-tokens");
        Page created = console.post("/admin/api-tokens", "name", "Fuzz", "days", "30", "scope", "users.read",
                "scope", "methods.read", "scope", "methods.delete", "scope", "passes.manage");
        Matcher m = Pattern.compile("id=\"api-token\">(vrt_[A-Za-z0-9_-]{43})<").matcher(created.body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    /** A token that was valid in a session that has ended since. */
    private String replayedCsrfToken() {
        TestBrowser old = signedInAdmin();
        String token = old.csrfToken();
        old.post("/signout");
        return token;
    }
}
