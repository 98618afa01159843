package io.verrou.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.verrou.MutableClock;
import io.verrou.Page;
import io.verrou.TestAccounts;
import io.verrou.TestBrowser;
import io.verrou.TestRegistrations;
import io.verrou.VerrouTest;
import io.verrou.tenant.Tenant;
import io.verrou.user.Role;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The console's Apps (SPEC S12): register an app by its labels, see its client id and its secret once, a clear
 * message for a bad return address, a new secret, removal.
 */
@VerrouTest
class AdminAppsTests {

    private static final Pattern CLIENT_ID = Pattern.compile("id=\"client-id\">([^<]+)<");
    private static final Pattern SECRET = Pattern.compile("id=\"client-secret\">([^<]+)<");
    private static final Pattern APP_LINK = Pattern.compile("href=\"/admin/apps/([0-9a-f-]{36})\"");

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;
    @Autowired
    MutableClock clock;

    @Test
    void anAppIsRegisteredWithItsSecretShownOnceThenGivenANewOneAndRemoved() {
        Tenant tenant = accounts.newTenantWithDefaultPolicy();
        TestRegistrations registrations = new TestRegistrations(port, clock);
        TestBrowser console = registrations.signedIn(registrations.register(accounts.newUser(tenant, "admin", Role.ADMIN)));

        Page apps = console.get("/admin/apps");
        assertThat(apps.h1()).isEqualTo("Apps");
        assertThat(apps.body()).contains("+ Register an app", "/t/" + accounts.domain(tenant));
        Page form = console.get("/admin/apps/new");
        assertThat(form.body()).contains("Redirect URIs", "Post-logout redirect URIs", "Public client",
                "Confidential client", "Requires multi-factor");

        Page refused = console.post("/admin/apps", "name", "Payroll", "type", "confidential",
                "redirectUris", "http://payroll.example/callback");
        assertThat(refused.error()).contains("redirect URIs");
        assertThat(refused.body()).contains("value=\"Payroll\"");

        Page tooLong = console.post("/admin/apps", "name", "Payroll", "type", "confidential",
                "redirectUris", "https://payroll.example/callback", "accessMinutes", "2000");
        assertThat(tooLong.error()).contains("1440 minutes");

        Page created = console.post("/admin/apps", "name", "Payroll", "type", "confidential",
                "redirectUris", "https://payroll.example/callback\nhttps://payroll.example/other", "requiresMfa", "true",
                "accessMinutes", "30", "refreshDays", "7");
        Matcher id = CLIENT_ID.matcher(created.body());
        Matcher secret = SECRET.matcher(created.body());
        assertThat(id.find()).isTrue();
        assertThat(secret.find()).as("the secret is shown once").isTrue();
        assertThat(created.body()).contains("Client ID", "Client secret");

        Page list = console.get("/admin/apps");
        Matcher link = APP_LINK.matcher(list.body());
        assertThat(link.find()).isTrue();
        Page page = console.get("/admin/apps/" + link.group(1));
        assertThat(page.body()).contains(id.group(1)).doesNotContain(secret.group(1))
                .contains("https://payroll.example/other", "name=\"accessMinutes\"", "value=\"30\"", "value=\"7\"");

        Page renewed = console.post("/admin/apps/" + link.group(1) + "/secret");
        Matcher second = SECRET.matcher(renewed.body());
        assertThat(second.find()).isTrue();
        assertThat(second.group(1)).isNotEqualTo(secret.group(1));

        assertThat(console.post("/admin/apps/" + link.group(1) + "/delete").location()).endsWith("/admin/apps?deleted");
        assertThat(console.get("/admin/apps").body()).doesNotContain(id.group(1));
    }
}
