package io.verrou.admin;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import io.verrou.method.MethodKind;
import io.verrou.registration.RegistrationReport;
import io.verrou.registration.RegistrationReport.Filter;
import io.verrou.registration.RegistrationReport.Row;
import io.verrou.user.JdbcUserRepository;
import io.verrou.user.SignedInUser;
import io.verrou.user.User;

import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The registration report of the admin console (SPEC S11): a page, and the same lines as CSV for a
 * spreadsheet, in the administrator's language.
 */
@Controller
class AdminRegistrationController {

    private static final int MAX_QUERY = 100;

    private final RegistrationReport report;
    private final JdbcUserRepository users;
    private final MessageSource messages;

    AdminRegistrationController(RegistrationReport report, JdbcUserRepository users, MessageSource messages) {
        this.report = report;
        this.users = users;
        this.messages = messages;
    }

    @GetMapping("/admin/registration")
    String page(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam(defaultValue = "") String q,
            @RequestParam(defaultValue = "all") String show, Locale locale, Model model) {
        User me = users.findById(signedIn.userId()).orElseThrow();
        String query = shorten(q);
        model.addAttribute("user", me);
        model.addAttribute("wide", true);
        model.addAttribute("q", query);
        model.addAttribute("show", show);
        model.addAttribute("rows", report.rows(me.tenantId(), query, Filter.of(show)));
        model.addAttribute("dates", DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale)
                .withZone(ZoneOffset.UTC));
        return "admin/registration";
    }

    @GetMapping("/admin/registration.csv")
    ResponseEntity<String> csv(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam(defaultValue = "") String q,
            @RequestParam(defaultValue = "all") String show, Locale locale) {
        User me = users.findById(signedIn.userId()).orElseThrow();
        StringBuilder csv = new StringBuilder();
        Csv.line(csv, List.of(text("admin.users.name", locale), text("admin.users.email", locale),
                text("admin.users.role", locale), text("admin.users.state", locale),
                text("admin.registration.methods", locale), text("admin.registration.default", locale),
                text("admin.registration.mfa", locale), text("admin.registration.reset", locale),
                text("admin.registration.last", locale)));
        for (Row row : report.rows(me.tenantId(), shorten(q), Filter.of(show))) {
            Csv.line(csv, List.of(row.user().displayName(), row.user().email(),
                    text("admin.role." + row.user().role().name(), locale),
                    text("admin.state." + row.user().state().name(), locale),
                    row.kinds().stream().map(k -> kind(k, locale)).collect(Collectors.joining(", ")),
                    row.defaultKind().map(k -> kind(k, locale)).orElse(""),
                    text(row.mfaCapable() ? "admin.yes" : "admin.no", locale),
                    text(row.resetCapable() ? "admin.yes" : "admin.no", locale),
                    row.lastRegistered().map(DateTimeFormatter.ISO_INSTANT::format).orElse("")));
        }
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename("registration-report.csv").build().toString())
                .body(csv.toString());
    }

    private String kind(MethodKind kind, Locale locale) {
        return text("method.kind." + kind.id(), locale);
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }

    private static String shorten(String q) {
        return q.length() > MAX_QUERY ? q.substring(0, MAX_QUERY) : q;
    }
}
