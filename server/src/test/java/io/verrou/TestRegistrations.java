package io.verrou;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.verrou.otp.Base32;
import io.verrou.otp.OtpParameters;
import io.verrou.otp.Totp;
import io.verrou.user.User;

/**
 * Takes a person through the real wizard over HTTP (app, then phone by text), so that tests of what comes
 * after registration start from security info made the way people make it.
 */
public final class TestRegistrations {

    private static final Pattern SECRET = Pattern.compile("id=\"secret\">([A-Z2-7 ]+)<");
    private static final Totp TOTP = new Totp(OtpParameters.defaults());

    private final int port;
    private final MutableClock clock;

    public TestRegistrations(int port, MutableClock clock) {
        this.port = port;
        this.clock = clock;
    }

    /** What a registered person holds: their app's secret and their phone. */
    public record Registered(User user, byte[] secret, String phone) {

        public String code(MutableClock clock) {
            return TOTP.generate(secret, clock.instant());
        }
    }

    /** Registers an app and a phone for {@code user}, then signs that browser out. */
    public Registered register(User user) {
        TestBrowser browser = new TestBrowser(port);
        browser.follow(browser.signIn(user.email(), TestAccounts.PASSWORD));
        Page start = browser.follow(browser.post("/register/start"));
        assertThat(start.body()).contains("I want to use a different authenticator app");
        Page app = browser.get("/register/app");
        Matcher m = SECRET.matcher(app.body());
        assertThat(m.find()).as("the app step shows the secret").isTrue();
        byte[] secret = Base32.decode(m.group(1));
        browser.post("/register/app", "code", TOTP.generate(secret, clock.instant()));
        String phone = uniqueMobile();
        browser.post("/register/phone", "region", "FR", "number", phone, "channel", "sms");
        browser.post("/register/phone/verify", "code", new Outbox(port).latest(phone, "sms").code());
        assertThat(browser.post("/register/done").isRedirect()).isTrue();
        browser.post("/signout");
        // The codes used above are spent: tests start from the next time step.
        clock.advance(java.time.Duration.ofSeconds(30));
        return new Registered(user, secret, phone);
    }

    /**
     * A browser in which the person signed in with their password and their app's code, its second factor
     * proved just now (so Security info opens without a step-up).
     */
    public TestBrowser signedIn(Registered person) {
        TestBrowser browser = new TestBrowser(port);
        browser.follow(browser.signIn(person.user().email(), TestAccounts.PASSWORD));
        assertThat(browser.post("/signin/verify", "code", person.code(clock)).isRedirect()).isTrue();
        clock.advance(java.time.Duration.ofSeconds(30));
        return browser;
    }

    /** A French mobile number no other test uses, so that per-number limits never meet. */
    public static String uniqueMobile() {
        return String.format("+3367%07d", MOBILES.getAndIncrement() % 10_000_000);
    }

    /** One number after the other from a random start: no two tests in a run share one, whatever the clock says. */
    private static final java.util.concurrent.atomic.AtomicLong MOBILES =
            new java.util.concurrent.atomic.AtomicLong(new java.util.Random().nextInt(9_000_000));
}
