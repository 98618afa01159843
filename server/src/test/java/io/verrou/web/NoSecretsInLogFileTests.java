package io.verrou.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.verrou.MutableClock;
import io.verrou.Page;
import io.verrou.ProductionLikeTest;
import io.verrou.TestAccounts;
import io.verrou.TestBrowser;
import io.verrou.TestRegistrations;
import io.verrou.audit.ClientInfo;
import io.verrou.challenge.ChallengeService;
import io.verrou.challenge.Channel;
import io.verrou.delivery.outbox.JdbcOutbox;
import io.verrou.method.questions.QuestionAnswer;
import io.verrou.method.questions.QuestionCatalogue;
import io.verrou.method.questions.SecurityQuestions;
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
 * The JSON log file, as production writes it (SPEC S12, DESIGN's rules): after sign-ins, wrong passwords, a texted
 * code, a Temporary Access Pass, a temporary password, an API token and security answers, the file has entries, and
 * none of those secrets.
 */
@ProductionLikeTest
class NoSecretsInLogFileTests {

    private static final Totp TOTP = new Totp(OtpParameters.defaults());

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;
    @Autowired
    MutableClock clock;
    @Autowired
    TotpMethods totp;
    @Autowired
    ChallengeService challenges;
    @Autowired
    JdbcOutbox outbox;
    @Autowired
    SecurityQuestions questions;

    @Test
    void codesPassesPasswordsTokensAndAnswersNeverReachTheJsonLogFile() throws IOException {
        Path file = Path.of(ProductionLikeTest.LOG_FILE);
        long from = Files.exists(file) ? Files.size(file) : 0;
        List<String> secrets = new ArrayList<>(List.of(TestAccounts.PASSWORD));

        // Registration is not asked for: the administrator has an app only.
        Tenant contoso = accounts.newTenant();
        User admin = accounts.newUser(contoso, "root", Role.ADMIN);
        byte[] secret = withAnApp(admin);
        secrets.add(Base32.encode(secret));
        User bob = accounts.newUser(contoso, "bob", Role.USER);

        String wrong = "Wr0ng-file-" + System.nanoTime();
        secrets.add(wrong);
        new TestBrowser(port).signIn(bob.email(), wrong);

        TestBrowser console = new TestBrowser(port);
        console.follow(console.signIn(admin.email(), TestAccounts.PASSWORD));
        String code = TOTP.generate(secret, clock.instant());
        assertThat(console.post("/signin/verify", "code", code).isRedirect()).isTrue();

        console.get("/admin/users/" + bob.id());
        String pass = group(console.post("/admin/users/" + bob.id() + "/tap", "minutes", "60"),
                "id=\"temporary-access-pass\">([A-Za-z0-9]{12})<");
        secrets.add(pass);
        TestBrowser withPass = new TestBrowser(port);
        withPass.follow(withPass.get("/signin"));
        withPass.post("/signin", "email", bob.email());
        withPass.get("/signin/tap");
        assertThat(withPass.post("/signin/tap", "pass", pass).isRedirect()).isTrue();

        console.get("/admin/users/" + bob.id());
        String temporary = group(console.post("/admin/users/" + bob.id() + "/reset-password"),
                "id=\"temporary-password\">([A-Za-z0-9-]+)<");
        secrets.add(temporary);

        console.get("/admin/api-tokens");
        String token = group(console.post("/admin/api-tokens", "name", "Log check", "days", "30", "scope", "users.read"),
                "id=\"api-token\">(vrt_[A-Za-z0-9_-]{43})<");
        secrets.add(token);
        assertThat(new TestBrowser(port).withHeader("Authorization", "Bearer " + token).getJson("/api/v1/users").status())
                .isEqualTo(200);

        String phone = TestRegistrations.uniqueMobile();
        challenges.send(bob, phone, Channel.SMS, "signin", Locale.ENGLISH, new ClientInfo("203.0.113.9", "Firefox"));
        String texted = outbox.newestFirst(5).stream().filter(d -> d.to().equals(phone)).findFirst().orElseThrow()
                .code().orElseThrow();
        secrets.add(texted);

        String answer = "Answer-" + System.nanoTime();
        List<String> ids = QuestionCatalogue.ids();
        questions.register(bob, List.of(new QuestionAnswer(ids.get(0), answer + "a"), new QuestionAnswer(ids.get(1), answer + "b"),
                new QuestionAnswer(ids.get(2), answer + "c")), ClientInfo.system());
        secrets.add(answer);

        String written = readFrom(file, from);
        assertThat(written).as("the file has entries of this test").contains("\"@timestamp\"").contains("Told user");
        for (String value : secrets) {
            assertThat(written).as("a secret in the log file").doesNotContain(value);
        }
    }

    private static String group(Page page, String pattern) {
        Matcher m = Pattern.compile(pattern).matcher(page.body());
        assertThat(m.find()).as(pattern).isTrue();
        return m.group(1);
    }

    private static String readFrom(Path file, long offset) throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            in.seek(offset);
            byte[] rest = new byte[(int) (in.length() - offset)];
            in.readFully(rest);
            return new String(rest, StandardCharsets.UTF_8);
        }
    }

    private byte[] withAnApp(User user) {
        PendingTotp pending = totp.begin();
        byte[] secret = Base32.decode(totp.typedSecret(pending).replace(" ", ""));
        assertThat(totp.complete(user, pending, TOTP.generate(secret, clock.instant().minusSeconds(30)), ClientInfo.system()))
                .isPresent();
        return secret;
    }
}
