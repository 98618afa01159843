package io.verrou.delivery.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import io.verrou.delivery.DeliveryFailedException;
import io.verrou.delivery.DeliveryFailedException.Failure;
import io.verrou.delivery.DeliveryReceipt;
import io.verrou.delivery.RecordingServer;
import io.verrou.delivery.SmsMessage;
import io.verrou.delivery.TestDeliveries;
import io.verrou.delivery.VoiceCall;

import tools.jackson.databind.json.JsonMapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class TwilioDeliveryTest {

    private static final String SID = "AC0123456789abcdef0123456789abcdef";
    private static final String TOKEN = "twilio-auth-token-value";
    private static final String FROM = "+15005550006";
    private static final URI PUBLIC = URI.create("https://verrou.example");

    private final RecordingServer server = RecordingServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    private TwilioDelivery twilio(URI base, Duration timeout) {
        return new TwilioDelivery(base, SID, TOKEN, FROM, Optional.of(PUBLIC), timeout, TestDeliveries.texts(),
                JsonMapper.builder().build());
    }

    private static SmsMessage sms() {
        return new SmsMessage("+33612345678", "Your Verrou code is 482913. It expires in 5 minutes.", Locale.ENGLISH,
                Optional.of("482913"));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aTextMessageIsPostedToTheMessagesApiWithBasicAuthAndTheSidComesBack() {
        server.answering(201, "{\"sid\":\"SM0123456789abcdef0123456789abcdef\",\"status\":\"queued\"}");

        DeliveryReceipt receipt = twilio(server.base(), Duration.ofSeconds(5)).send(sms());

        RecordingServer.Request request = server.onlyRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/2010-04-01/Accounts/" + SID + "/Messages.json");
        assertThat(request.header("Authorization")).isEqualTo(basic(SID, TOKEN));
        assertThat(request.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(request.form()).containsExactly(
                java.util.Map.entry("To", "+33612345678"),
                java.util.Map.entry("From", FROM),
                java.util.Map.entry("Body", "Your Verrou code is 482913. It expires in 5 minutes."));
        assertThat(receipt).isEqualTo(new DeliveryReceipt("twilio", "SM0123456789abcdef0123456789abcdef"));
    }

    @Test
    void aCallIsPostedToTheCallsApiWithTwimlThatSpeaksTheEscapedScriptAndGathersTheKeys() {
        server.answering(201, "{\"sid\":\"CA0123456789abcdef0123456789abcdef\"}");
        UUID callId = UUID.randomUUID();
        VoiceCall call = new VoiceCall(callId, "+33612345678", "Appuyez sur <#> & \"dièse\"", Locale.FRENCH);

        DeliveryReceipt receipt = twilio(server.base(), Duration.ofSeconds(5)).call(call);

        RecordingServer.Request request = server.onlyRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/2010-04-01/Accounts/" + SID + "/Calls.json");
        assertThat(request.header("Authorization")).isEqualTo(basic(SID, TOKEN));
        assertThat(request.form()).containsOnlyKeys("To", "From", "Twiml")
                .containsEntry("To", "+33612345678")
                .containsEntry("From", FROM);
        assertThat(request.form().get("Twiml")).isEqualTo("<Response>"
                + "<Gather numDigits=\"2\" finishOnKey=\"#\" timeout=\"15\" actionOnEmptyResult=\"true\" "
                + "action=\"https://verrou.example/api/delivery/twilio/calls/" + callId + "/gather?lang=fr\" method=\"POST\">"
                + "<Say language=\"fr-FR\">Appuyez sur &lt;#&gt; &amp; &quot;dièse&quot;</Say>"
                + "</Gather>"
                + "<Say language=\"fr-FR\">Nous n’avons pas reçu de réponse. Au revoir.</Say>"
                + "</Response>");
        assertThat(receipt).isEqualTo(new DeliveryReceipt("twilio", "CA0123456789abcdef0123456789abcdef"));
    }

    @Test
    void anEnglishCallIsSpokenInAmericanEnglish() {
        server.answering(201, "{\"sid\":\"CA1\"}");

        twilio(server.base(), Duration.ofSeconds(5))
                .call(new VoiceCall(UUID.randomUUID(), "+14155550123", "Press the pound key.", Locale.ENGLISH));

        String twiml = server.onlyRequest().form().get("Twiml");
        assertThat(twiml).contains("<Say language=\"en-US\">Press the pound key.</Say>")
                .contains("?lang=en\"")
                .contains("<Say language=\"en-US\">We didn’t receive an answer. Goodbye.</Say>");
    }

    @Test
    void aServerErrorIsADeliveryFailureThatLogsNoSecretBodyOrCode(CapturedOutput output) {
        server.answering(500, "{\"message\":\"The 'To' number +33612345678 is not valid\"}");

        assertThatThrownBy(() -> twilio(server.base(), Duration.ofSeconds(5)).send(sms()))
                .isInstanceOfSatisfying(DeliveryFailedException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.PROVIDER_ERROR);
                    assertThat(e.getMessage()).contains("twilio", "sms", "500").doesNotContain("482913");
                });
        assertThat(output.getAll()).contains("twilio sms to ••78 failed")
                .doesNotContain("482913").doesNotContain("+33612345678").doesNotContain(TOKEN);
    }

    @Test
    void badCredentialsAreADeliveryFailure() {
        server.answering(401, "{\"code\":20003,\"message\":\"Authenticate\"}");

        assertThatThrownBy(() -> twilio(server.base(), Duration.ofSeconds(5)).send(sms()))
                .isInstanceOfSatisfying(DeliveryFailedException.class,
                        e -> assertThat(e.failure()).isEqualTo(Failure.REJECTED));
    }

    @Test
    void aRefusedConnectionIsADeliveryFailure() {
        URI closed = RecordingServer.closedPort();

        assertThatThrownBy(() -> twilio(closed, Duration.ofSeconds(5)).send(sms()))
                .isInstanceOfSatisfying(DeliveryFailedException.class,
                        e -> assertThat(e.failure()).isEqualTo(Failure.UNREACHABLE));
    }

    @Test
    void anApiThatNeverAnswersIsADeliveryFailureAfterTheTimeout() {
        server.hanging();

        assertThatThrownBy(() -> twilio(server.base(), Duration.ofMillis(300))
                .call(new VoiceCall(UUID.randomUUID(), "+33612345678", "Press #", Locale.ENGLISH)))
                .isInstanceOfSatisfying(DeliveryFailedException.class,
                        e -> assertThat(e.failure()).isEqualTo(Failure.TIMEOUT));
    }

    @Test
    void anAcceptedRequestWithoutASidStillCountsAsAccepted() {
        server.answering(201, "not json");

        assertThat(twilio(server.base(), Duration.ofSeconds(5)).send(sms()).providerId()).isEqualTo("unknown");
    }
}
