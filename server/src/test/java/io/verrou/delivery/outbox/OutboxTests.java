package io.verrou.delivery.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.verrou.Outbox;
import io.verrou.Page;
import io.verrou.TestBrowser;
import io.verrou.VerrouTest;
import io.verrou.delivery.DeliveryReceipt;
import io.verrou.delivery.EmailComposer;
import io.verrou.delivery.EmailMessage;
import io.verrou.delivery.EmailSender;
import io.verrou.delivery.RecordingCallAnswerListener;
import io.verrou.delivery.SmsMessage;
import io.verrou.delivery.SmsSender;
import io.verrou.delivery.VoiceCall;
import io.verrou.delivery.VoiceCaller;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@VerrouTest
class OutboxTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Autowired
    SmsSender sms;
    @Autowired
    VoiceCaller voice;
    @Autowired
    RecordingCallAnswerListener listener;
    @Autowired
    EmailSender email;
    @Autowired
    EmailComposer composer;

    /** Nobody signs in: the outbox plays the phone, for people and programs alike (SPEC S0). */
    TestBrowser browser;

    @BeforeEach
    void browser() {
        browser = new TestBrowser(port);
    }

    private static String newNumber() {
        return "+336" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
    }

    private static String newAddress() {
        return "someone-" + UUID.randomUUID() + "@fabrikam.example";
    }

    private List<Map<String, Object>> outboxJson() {
        Page page = browser.get("/dev/outbox.json");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        return JSON.readValue(page.body(), new TypeReference<List<Map<String, Object>>>() { });
    }

    private Map<String, Object> delivery(String id) {
        return outboxJson().stream().filter(d -> id.equals(d.get("id"))).findFirst()
                .orElseThrow(() -> new AssertionError("Not in the outbox: " + id));
    }

    private UUID ring(String to) {
        UUID callId = UUID.randomUUID();
        DeliveryReceipt receipt = voice.call(new VoiceCall(callId, to, "Press # to approve.", Locale.ENGLISH));
        assertThat(receipt.provider()).isEqualTo("outbox");
        return UUID.fromString(receipt.providerId());
    }

    @Test
    void aTextMessageIsKeptAndListedInJsonWithExactlyTheDocumentedFields() {
        String to = newNumber();

        DeliveryReceipt receipt = sms.send(new SmsMessage(to, "Your code is " + "482913", Locale.ENGLISH, Optional.of("482913")));

        assertThat(receipt.provider()).isEqualTo("outbox");
        Map<String, Object> delivery = delivery(receipt.providerId());
        assertThat(delivery).containsOnlyKeys("id", "channel", "to", "subject", "body", "code", "createdAt", "state");
        assertThat(delivery).containsEntry("channel", "sms")
                .containsEntry("to", to)
                .containsEntry("subject", null)
                .containsEntry("body", "Your code is 482913")
                .containsEntry("code", "482913")
                .containsEntry("state", "sent");
        assertThat(Instant.parse((String) delivery.get("createdAt"))).isNotNull();
    }

    @Test
    void anEmailIsKeptWithItsSubjectTextAndCodeAndListedWithExactlyTheDocumentedFields() {
        String to = newAddress();
        EmailMessage message = composer.codeEmail(to, "731904", "Contoso", "registration", Locale.ENGLISH);

        DeliveryReceipt receipt = email.send(message);

        assertThat(receipt.provider()).isEqualTo("outbox");
        Map<String, Object> delivery = delivery(receipt.providerId());
        assertThat(delivery).containsOnlyKeys("id", "channel", "to", "subject", "body", "code", "createdAt", "state");
        assertThat(delivery).containsEntry("channel", "email")
                .containsEntry("to", to)
                .containsEntry("subject", "Your Contoso verification code")
                .containsEntry("body", message.textBody())
                .containsEntry("code", "731904")
                .containsEntry("state", "sent");
        Outbox.Email read = new Outbox(port).latestEmail(to);
        assertThat(read.id()).isEqualTo(receipt.providerId());
        assertThat(read.subject()).isEqualTo("Your Contoso verification code");
        assertThat(read.code()).isEqualTo("731904");
    }

    @Test
    void theOutboxPageShowsAnEmailsSubjectAndItsTextLineByLine() {
        String to = newAddress();
        email.send(composer.codeEmail(to, "731904", "Contoso", "registration", Locale.FRENCH));

        Page page = browser.language("fr").get("/dev/outbox");

        assertThat(page.body()).contains("E-mail à " + to)
                .contains("Votre code de vérification Contoso")
                .contains(">731904</code>")
                .contains("vos informations de sécurité chez Contoso\u00a0:<br><br>");
    }

    @Test
    void theNewestDeliveryComesFirst() {
        String first = sms.send(new SmsMessage(newNumber(), "first", Locale.ENGLISH, Optional.empty())).providerId();
        String second = sms.send(new SmsMessage(newNumber(), "second", Locale.ENGLISH, Optional.empty())).providerId();

        List<Object> ids = outboxJson().stream().map(d -> d.get("id")).toList();

        assertThat(ids.indexOf(second)).isGreaterThanOrEqualTo(0).isLessThan(ids.indexOf(first));
    }

    @Test
    void aCallRingsOnTheOutboxPageUntilPressingPoundAnswersItAndTellsTheListeners() {
        String to = newNumber();
        UUID callId = UUID.randomUUID();
        String id = voice.call(new VoiceCall(callId, to, "Press # to approve.", Locale.ENGLISH)).providerId();
        assertThat(delivery(id)).containsEntry("channel", "voice").containsEntry("state", "ringing")
                .containsEntry("code", null)
                .containsEntry("body", "Press # to approve.");

        Page outbox = browser.get("/dev/outbox");
        assertThat(outbox.h1()).isEqualTo("Outbox");
        assertThat(outbox.body()).contains("Call to " + to).contains("action=\"/dev/outbox/" + id + "/keypress\"")
                .contains(">Press #</button>").contains(">Press 0#</button>");

        Page answered = browser.post("/dev/outbox/" + id + "/keypress", "keys", "#");

        assertThat(answered.status()).isEqualTo(303);
        assertThat(answered.location()).endsWith("/dev/outbox#delivery-" + id);
        assertThat(listener.keysFor(callId)).containsExactly("#");
        assertThat(delivery(id)).containsEntry("state", "answered");
        assertThat(browser.follow(answered).body()).contains("Answered with #");
    }

    @Test
    void theOutboxIsReadWithoutSigningIn() {
        Page page = browser.get("/dev/outbox");
        Page json = browser.get("/dev/outbox.json");

        assertThat(page.status()).isEqualTo(200);
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.body()).startsWith("[");
    }

    @Test
    void aProgramAnsweringWithZeroPoundWithoutSessionOrCsrfTokenGetsTheAnsweredCallAsJson() throws Exception {
        UUID callId = UUID.randomUUID();
        String id = voice.call(new VoiceCall(callId, newNumber(), "Press # to approve.", Locale.FRENCH)).providerId();

        HttpResponse<String> response = postAsApiClient("/dev/outbox/" + id + "/keypress", "keys=0%23");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        Map<String, Object> delivery = JSON.readValue(response.body(), new TypeReference<Map<String, Object>>() { });
        assertThat(delivery).containsEntry("id", id).containsEntry("channel", "voice").containsEntry("state", "answered");
        assertThat(listener.keysFor(callId)).containsExactly("0#");
    }

    @Test
    void anUnknownDeliveryIs404() {
        browser.get("/dev/outbox");

        assertThat(browser.post("/dev/outbox/" + UUID.randomUUID() + "/keypress", "keys", "#").status()).isEqualTo(404);
        assertThat(browser.post("/dev/outbox/not-an-id/keypress", "keys", "#").status()).isEqualTo(404);
    }

    @Test
    void keysOtherThanPoundOrZeroPoundAre400AndLeaveTheCallRinging() {
        UUID callId = UUID.randomUUID();
        String id = voice.call(new VoiceCall(callId, newNumber(), "Press # to approve.", Locale.ENGLISH)).providerId();
        browser.get("/dev/outbox");

        for (String keys : new String[] {"1#", "0", "", "##"}) {
            Page refused = browser.post("/dev/outbox/" + id + "/keypress", "keys", keys);
            assertThat(refused.status()).as(keys).isEqualTo(400);
            assertThat(refused.body()).doesNotContain("Exception").doesNotContain("at io.verrou");
        }
        assertThat(delivery(id)).containsEntry("state", "ringing");
        assertThat(listener.keysFor(callId)).isEmpty();
    }

    @Test
    void aCallAnsweredAlreadyOrATextMessageCannotBeAnsweredAgain() {
        UUID callId = UUID.randomUUID();
        String call = voice.call(new VoiceCall(callId, newNumber(), "Press # to approve.", Locale.ENGLISH)).providerId();
        String text = sms.send(new SmsMessage(newNumber(), "Your code is " + "123456", Locale.ENGLISH, Optional.of("123456"))).providerId();
        browser.get("/dev/outbox");
        browser.post("/dev/outbox/" + call + "/keypress", "keys", "#");
        browser.get("/dev/outbox");

        assertThat(browser.post("/dev/outbox/" + call + "/keypress", "keys", "0#").status()).isEqualTo(409);
        assertThat(browser.post("/dev/outbox/" + text + "/keypress", "keys", "#").status()).isEqualTo(409);
        assertThat(listener.keysFor(callId)).containsExactly("#");
    }

    @Test
    void theOutboxPageIsInFrenchToo() {
        String to = newNumber();
        voice.call(new VoiceCall(UUID.randomUUID(), to, "Appuyez sur dièse pour approuver.", Locale.FRENCH));

        Page page = browser.language("fr").get("/dev/outbox");

        assertThat(page.h1()).isEqualTo("Boîte d’envoi");
        assertThat(page.body()).contains("Appel au " + to).contains(">Appuyer sur #</button>")
                .contains(">Appuyer sur 0#</button>")
                .contains("Appuyez sur dièse pour approuver.");
    }

    @Test
    void theOutboxPageHasNoInlineScriptStyleOrEventHandler() {
        ring(newNumber());

        String body = browser.get("/dev/outbox").body();

        assertThat(body).doesNotContainPattern("<script(?![^>]*\\bsrc=)").doesNotContain("<style")
                .doesNotContainPattern("\\sstyle=").doesNotContainPattern("\\son[a-z]+=");
    }

    /** A program (a test, curl) that asks for JSON: no session, no CSRF token. */
    private HttpResponse<String> postAsApiClient(String path, String form) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
    }
}
