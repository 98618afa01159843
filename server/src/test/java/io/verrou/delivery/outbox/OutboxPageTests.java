package io.verrou.delivery.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import io.verrou.MutableClock;
import io.verrou.Page;
import io.verrou.ProductionLikeTest;
import io.verrou.TestAccounts;
import io.verrou.TestBrowser;
import io.verrou.TestRegistrations;
import io.verrou.audit.ClientInfo;
import io.verrou.challenge.ChallengeService;
import io.verrou.challenge.Channel;
import io.verrou.method.totp.PendingTotp;
import io.verrou.method.totp.TotpMethods;
import io.verrou.otp.Base32;
import io.verrou.otp.OtpParameters;
import io.verrou.otp.Totp;
import io.verrou.tenant.Tenant;
import io.verrou.user.Role;
import io.verrou.user.User;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Outside demo mode, and without {@code VERROU_OUTBOX_PAGE=on}, the outbox is not public (SPEC S0): its pages and
 * its key presses are 404, while deliveries still go to it and each organisation's administrators read their own.
 */
@ProductionLikeTest
class OutboxPageTests {

    private static final Totp TOTP = new Totp(OtpParameters.defaults());

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;
    @Autowired
    ChallengeService challenges;
    @Autowired
    TotpMethods totp;
    @Autowired
    JdbcOutbox outbox;
    @Autowired
    MutableClock clock;

    @Test
    void theOutboxPagesAndKeyPressesAreNotThere() {
        User alice = accounts.newUser();
        challenges.send(alice, TestRegistrations.uniqueMobile(), Channel.VOICE, "signin", Locale.ENGLISH, ClientInfo.system());
        OutboxDelivery call = outbox.newestFirst(1).get(0);
        assertThat(call.ringing()).as("the call still went to the outbox").isTrue();

        TestBrowser anyone = new TestBrowser(port);
        assertThat(anyone.get("/dev/outbox").status()).isEqualTo(404);
        assertThat(anyone.getJson("/dev/outbox.json").status()).isEqualTo(404);
        assertThat(anyone.postRaw("/dev/outbox/" + call.id() + "/keypress", "keys", "#").status()).isEqualTo(404);
        assertThat(outbox.find(call.id()).orElseThrow().ringing()).as("nobody answered it").isTrue();
    }

    @Test
    void anAdministratorReadsTheirOrganisationsOutboxInTheConsole() {
        Tenant contoso = accounts.newTenant();
        User admin = accounts.newUser(contoso, "root", Role.ADMIN);
        byte[] secret = withAnApp(admin);
        User alice = accounts.newUser(contoso, "alice", Role.USER);
        User stranger = accounts.newUser();
        String phone = TestRegistrations.uniqueMobile();
        challenges.send(alice, phone, Channel.SMS, "signin", Locale.ENGLISH, ClientInfo.system());
        String strangers = TestRegistrations.uniqueMobile();
        challenges.send(stranger, strangers, Channel.SMS, "signin", Locale.ENGLISH, ClientInfo.system());

        TestBrowser console = new TestBrowser(port);
        console.follow(console.signIn(admin.email(), TestAccounts.PASSWORD));
        assertThat(console.post("/signin/verify", "code", TOTP.generate(secret, clock.instant())).isRedirect()).isTrue();
        Page page = console.get("/admin/outbox");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.h1()).isEqualTo("Outbox");
        assertThat(page.body()).contains(phone).doesNotContain(strangers).doesNotContain("Press #");
    }

    /** An authenticator app set up through the service, as the wizard would; its secret to compute codes with. */
    private byte[] withAnApp(User user) {
        PendingTotp pending = totp.begin();
        byte[] secret = Base32.decode(totp.typedSecret(pending).replace(" ", ""));
        Instant previous = clock.instant().minusSeconds(30);
        Optional<?> added = totp.complete(user, pending, TOTP.generate(secret, previous), ClientInfo.system());
        assertThat(added).isPresent();
        return secret;
    }
}
