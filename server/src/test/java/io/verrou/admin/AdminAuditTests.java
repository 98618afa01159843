package io.verrou.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.verrou.Page;
import io.verrou.TestBrowser;
import io.verrou.TestRegistrations.Registered;
import io.verrou.VerrouTest;
import io.verrou.audit.AuditEventType;
import io.verrou.user.Role;
import io.verrou.user.User;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;

/** The audit log in the admin console (SPEC S11, S12): the organisation's own entries, filtered, checked, exported. */
@VerrouTest
class AdminAuditTests extends AdminConsoleTest {

    @Autowired
    MessageSource messages;

    Registered alice;

    @BeforeEach
    void contoso() {
        alice = registrations.register(accounts.newUser(contoso, "alice", Role.USER));
    }

    @Test
    void theAdministratorSeesTheirOrganisationsEntriesByTypeAndByWho() {
        User stranger = accounts.newUser();
        new TestBrowser(port).signIn(stranger.email(), "wrong password");
        new TestBrowser(port).signIn(alice.user().email(), "wrong password");
        TestBrowser browser = registrations.signedIn(admin);

        Page all = browser.get("/admin/audit");
        assertThat(all.h1()).isEqualTo("Audit log");
        assertThat(all.body()).contains(alice.user().email(), "Method added", "wrong_password")
                .doesNotContain(stranger.email()).doesNotContain("wrong password");
        Page signIns = browser.get("/admin/audit?type=SIGN_IN&actor=ALICE");
        assertThat(signIns.body()).contains(alice.user().email()).doesNotContain(admin.user().email() + "</td>")
                .doesNotContain("<td>Method added</td>");
        assertThat(browser.get("/admin/audit?check=true").body()).contains("The audit trail is intact");
    }

    @Test
    void aDeletedEntryIsShownOnTheCheckAndTheIntactMessageComesBackOnceItIsPutBack(
            @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc) {
        TestBrowser browser = registrations.signedIn(admin);
        long id = jdbc.sql("SELECT MAX(id) FROM audit_event WHERE user_id = :id").param("id", alice.user().id())
                .query(Long.class).single();
        java.util.Map<String, Object> row = jdbc.sql("SELECT * FROM audit_event WHERE id = :id").param("id", id)
                .query().singleRow();
        jdbc.sql("DELETE FROM audit_event WHERE id = :id").param("id", id).update();
        try {
            Page checked = browser.get("/admin/audit?check=true");
            assertThat(checked.body()).contains("The audit trail was tampered with").doesNotContain("The audit trail is intact");
        } finally {
            java.util.Map<String, Object> params = new java.util.HashMap<>();
            row.forEach((key, value) -> params.put(key.toLowerCase(java.util.Locale.ROOT), value));
            jdbc.sql("""
                    INSERT INTO audit_event (id, occurred_at, tenant_id, user_id, actor, event_type, result, reason, ip,
                                             user_agent, detail, prev_hash, hash)
                    VALUES (:id, :occurred_at, :tenant_id, :user_id, :actor, :event_type, :result, :reason, :ip,
                            :user_agent, :detail, :prev_hash, :hash)""").params(params).update();
        }
        assertThat(browser.get("/admin/audit?check=true").body()).contains("The audit trail is intact");
    }

    @Test
    void theExportsCarryEveryEntryWithItsHash() {
        TestBrowser browser = registrations.signedIn(admin);
        Page csv = browser.get("/admin/audit.csv?type=METHOD_ADDED");
        assertThat(csv.header("Content-Type")).get().asString().startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo("id,time,type,result,actor,tenant,user,reason,ip,user_agent,detail,hash");
        assertThat(lines).hasSizeGreaterThanOrEqualTo(5).allMatch(l -> l.equals(lines.get(0)) || l.contains(",METHOD_ADDED,"));

        Page jsonl = browser.get("/admin/audit.jsonl?actor=" + alice.user().email());
        JsonMapper json = JsonMapper.builder().build();
        List<JsonNode> entries = jsonl.body().lines().map(json::readTree).toList();
        assertThat(entries).isNotEmpty().allMatch(e -> e.get("actor").asString().equals(alice.user().email())
                && e.get("hash").asString().matches("[0-9a-f]{64}"));
    }

    @Test
    void everyKindOfEntryHasANameInEnglishAndFrench() {
        for (Locale locale : List.of(Locale.ENGLISH, Locale.FRENCH)) {
            assertThat(Arrays.stream(AuditEventType.values()))
                    .allSatisfy(t -> assertThat(messages.getMessage("audit.type." + t.name(), null, null, locale)).isNotBlank());
        }
    }

    @Test
    void onlyAnAdministratorReadsTheAuditLog() {
        TestBrowser person = registrations.signedIn(alice);
        assertThat(person.get("/admin/audit").status()).isEqualTo(403);
        assertThat(person.get("/admin/audit").h1()).as("refused for the role").isEqualTo("Access denied");
        assertThat(person.get("/admin/audit.jsonl").status()).isEqualTo(403);
    }
}
