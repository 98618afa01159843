package io.verrou.method.authenticator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.verrou.Outbox;
import io.verrou.Page;
import io.verrou.TestAccounts;
import io.verrou.TestBrowser;
import io.verrou.TestRegistrations;
import io.verrou.user.User;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Takes a person through the wizard with the Verrou Authenticator over HTTP — the activation code read
 * from "Can't scan image?", the test request approved with the number the page shows — then a phone.
 */
final class AuthenticatorRegistrations {

    private static final Pattern ACTIVATION_CODE = Pattern.compile("id=\"activation-code\">([A-Z2-7 ]+)<");
    private static final Pattern NUMBER = Pattern.compile("class=\"push-number\"[^>]*>.*?</span><span>(\\d+)</span>", Pattern.DOTALL);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AuthenticatorRegistrations() {
    }

    /** The person's app, registered; the browser that registered it is signed out. */
    static TestDevice register(int port, Clock clock, User user) {
        TestBrowser browser = new TestBrowser(port);
        browser.follow(browser.signIn(user.email(), TestAccounts.PASSWORD));
        browser.post("/register/start");
        Page scan = browser.get("/register/authenticator/scan");
        Matcher code = ACTIVATION_CODE.matcher(scan.body());
        assertThat(code.find()).as("the activation code under Can't scan image?").isTrue();
        TestDevice device = TestDevice.activated(port, clock, code.group(1).replace(" ", ""));
        assertThat(browser.post("/register/authenticator/scan").location()).endsWith("/register/authenticator/test");
        approveShown(device, browser.get("/register/authenticator/test"));
        browser.follow(browser.get("/register/authenticator/test"));
        String phone = TestRegistrations.uniqueMobile();
        browser.post("/register/phone", "region", "FR", "number", phone, "channel", "sms");
        browser.post("/register/phone/verify", "code", new Outbox(port).latest(phone, "sms").code());
        assertThat(browser.post("/register/done").isRedirect()).isTrue();
        browser.post("/signout");
        return device;
    }

    /** The number a page shows for a push. */
    static String number(Page page) {
        Matcher m = NUMBER.matcher(page.body());
        assertThat(m.find()).as("the page shows a number").isTrue();
        return m.group(1);
    }

    /** The id of the one request pending for the device. */
    static UUID pendingRequest(TestDevice device) {
        JsonNode requests = JSON.readTree(device.pending(1).body()).get("requests");
        assertThat(requests.size()).isEqualTo(1);
        return UUID.fromString(requests.get(0).get("id").asString());
    }

    /** Approves the pending request with the number the page shows. */
    static void approveShown(TestDevice device, Page page) {
        assertThat(device.approve(pendingRequest(device), number(page)).body()).contains("approved");
    }
}
