package io.verrou.admin;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.verrou.audit.AuditEntry;
import io.verrou.audit.AuditEventType;
import io.verrou.audit.JdbcAuditLog;
import io.verrou.user.JdbcUserRepository;
import io.verrou.user.SignedInUser;
import io.verrou.user.User;

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
 * The organisation's audit trail in the admin console (SPEC S11, S12): the newest entries, by type and by who,
 * a check of the whole hash chain, and exports as CSV and JSON lines.
 */
@Controller
class AdminAuditController {

    static final int SHOWN = 200;
    static final int EXPORTED = 10_000;
    private static final int MAX_ACTOR = 254;
    /** One compact, unambiguous form in every language: an audit trail is read across borders. */
    private static final DateTimeFormatter TIMES = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final JdbcAuditLog audit;
    private final JdbcUserRepository users;

    AdminAuditController(JdbcAuditLog audit, JdbcUserRepository users) {
        this.audit = audit;
        this.users = users;
    }

    @GetMapping("/admin/audit")
    String page(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam(defaultValue = "") String type,
            @RequestParam(defaultValue = "") String actor, @RequestParam(defaultValue = "false") boolean check,
            Model model) {
        User me = me(signedIn);
        model.addAttribute("user", me);
        model.addAttribute("wide", true);
        model.addAttribute("shown", SHOWN);
        model.addAttribute("types", Arrays.stream(AuditEventType.values()).map(Enum::name).toList());
        model.addAttribute("type", type(type).map(Enum::name).orElse(""));
        model.addAttribute("actor", actor(actor));
        model.addAttribute("entries", entries(me, type, actor, SHOWN));
        model.addAttribute("times", TIMES);
        if (check) {
            model.addAttribute("broken", audit.firstBrokenEntry().map(Object::toString).orElse(""));
        }
        return "admin/audit";
    }

    @GetMapping("/admin/audit.csv")
    ResponseEntity<String> csv(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam(defaultValue = "") String type,
            @RequestParam(defaultValue = "") String actor) {
        return download(AuditExport.csv(entries(me(signedIn), type, actor, EXPORTED)),
                new MediaType("text", "csv", StandardCharsets.UTF_8), "audit.csv");
    }

    @GetMapping("/admin/audit.jsonl")
    ResponseEntity<String> jsonLines(@AuthenticationPrincipal SignedInUser signedIn,
            @RequestParam(defaultValue = "") String type, @RequestParam(defaultValue = "") String actor) {
        return download(AuditExport.jsonLines(entries(me(signedIn), type, actor, EXPORTED)),
                new MediaType("application", "jsonl", StandardCharsets.UTF_8), "audit.jsonl");
    }

    private List<AuditEntry> entries(User me, String type, String actor, int limit) {
        return audit.forTenant(me.tenantId(), type(type), actor(actor), limit);
    }

    private static ResponseEntity<String> download(String body, MediaType type, String name) {
        return ResponseEntity.ok()
                .contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .body(body);
    }

    private static Optional<AuditEventType> type(String name) {
        return Arrays.stream(AuditEventType.values()).filter(t -> t.name().equals(name)).findFirst();
    }

    private static String actor(String actor) {
        String stripped = actor.strip();
        return stripped.length() > MAX_ACTOR ? stripped.substring(0, MAX_ACTOR) : stripped;
    }

    private User me(SignedInUser signedIn) {
        return users.findById(signedIn.userId()).orElseThrow();
    }
}
