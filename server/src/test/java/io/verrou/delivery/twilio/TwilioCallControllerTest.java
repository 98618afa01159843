package io.verrou.delivery.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.verrou.delivery.DeliveryProperties;
import io.verrou.delivery.DeliveryProperties.Provider;
import io.verrou.delivery.RecordingCallAnswerListener;
import io.verrou.delivery.TestDeliveries;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

class TwilioCallControllerTest {

    private static final String TOKEN = "twilio-auth-token-value";
    private static final String PUBLIC = "https://verrou.example";

    private final RecordingCallAnswerListener listener = new RecordingCallAnswerListener();
    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new TwilioCallController(
            TestDeliveries.properties(Provider.TWILIO, Provider.TWILIO, Optional.of(PUBLIC + "/"), null,
                    new DeliveryProperties.Twilio(Optional.of("AC0123"), Optional.of(TOKEN), Optional.of("+15005550006"),
                            "https://api.twilio.com", Optional.empty())),
            TestDeliveries.answersTo(listener), TestDeliveries.texts()))
            .build();

    /** What Twilio posts when the gather ends, signed as Twilio signs it (or with another token). */
    private ResultActions gather(UUID callId, String lang, String digits, String finishedOnKey, String token)
            throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("AccountSid", "AC0123");
        form.put("CallSid", "CA0123456789abcdef");
        form.put("CallStatus", "in-progress");
        form.put("Digits", digits);
        form.put("FinishedOnKey", finishedOnKey);
        form.put("From", "+15005550006");
        form.put("To", "+33612345678");
        String url = PUBLIC + "/api/delivery/twilio/calls/" + callId + "/gather?lang=" + lang;
        Map<String, List<String>> signed = new LinkedHashMap<>();
        form.forEach((name, value) -> signed.put(name, List.of(value)));
        MockHttpServletRequestBuilder request = post("/api/delivery/twilio/calls/{callId}/gather?lang={lang}", callId, lang)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .header("X-Twilio-Signature", TwilioSignature.compute(token, url, signed));
        form.forEach(request::param);
        return mvc.perform(request);
    }

    @Test
    void aLonePoundIsAnApprovalThatReachesTheListenersAndIsThanked() throws Exception {
        UUID callId = UUID.randomUUID();

        gather(callId, "en", "", "#", TOKEN)
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_XML))
                .andExpect(content().string("<Response><Say language=\"en-US\">Thank you. Goodbye.</Say></Response>"));

        assertThat(listener.keysFor(callId)).containsExactly("#");
    }

    @Test
    void zeroThenPoundIsAReportThatReachesTheListenersAndIsThankedInFrench() throws Exception {
        UUID callId = UUID.randomUUID();

        gather(callId, "fr", "0", "#", TOKEN)
                .andExpect(status().isOk())
                .andExpect(content().string("<Response><Say language=\"fr-FR\">Merci. Au revoir.</Say></Response>"));

        assertThat(listener.keysFor(callId)).containsExactly("0#");
    }

    @Test
    void silenceUntilTheTimeoutIsNoAnswerSoAnUnattendedPhoneNeverApproves() throws Exception {
        UUID callId = UUID.randomUUID();

        gather(callId, "en", "", "", TOKEN)
                .andExpect(status().isOk())
                .andExpect(content().string(
                        "<Response><Say language=\"en-US\">We didn’t receive an answer. Goodbye.</Say></Response>"));

        assertThat(listener.keysFor(callId)).isEmpty();
    }

    @Test
    void otherKeysAreNoAnswer() throws Exception {
        UUID callId = UUID.randomUUID();

        gather(callId, "en", "1", "#", TOKEN).andExpect(status().isOk());
        gather(callId, "en", "00", "", TOKEN).andExpect(status().isOk());

        assertThat(listener.keysFor(callId)).isEmpty();
    }

    @Test
    void aRequestNotSignedWithTheAuthTokenIsRefusedWith403() throws Exception {
        UUID callId = UUID.randomUUID();

        gather(callId, "en", "", "#", "another-token").andExpect(status().isForbidden());

        assertThat(listener.keysFor(callId)).isEmpty();
    }

    @Test
    void anUnsignedRequestIsRefusedWith403() throws Exception {
        UUID callId = UUID.randomUUID();

        mvc.perform(post("/api/delivery/twilio/calls/{callId}/gather", callId)
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .param("Digits", "")
                        .param("FinishedOnKey", "#"))
                .andExpect(status().isForbidden());

        assertThat(listener.keysFor(callId)).isEmpty();
    }

    @Test
    void theMappingFromTwilioParametersToKeys() {
        assertThat(TwilioCallController.keys("", "#")).contains("#");
        assertThat(TwilioCallController.keys(null, "#")).contains("#");
        assertThat(TwilioCallController.keys("0", "#")).contains("0#");
        assertThat(TwilioCallController.keys("", "")).isEmpty();
        assertThat(TwilioCallController.keys("", null)).isEmpty();
        assertThat(TwilioCallController.keys("0", "")).isEmpty();
        assertThat(TwilioCallController.keys("9", "#")).isEmpty();
    }
}
