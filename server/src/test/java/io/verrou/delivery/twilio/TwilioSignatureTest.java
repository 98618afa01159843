package io.verrou.delivery.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TwilioSignatureTest {

    // Twilio's documented example: auth token 12345, this URL and these POST parameters.
    private static final String TOKEN = "12345";
    private static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private static final Map<String, List<String>> PARAMETERS = Map.of(
            "CallSid", List.of("CA1234567890ABCDE"),
            "Caller", List.of("+14158675309"),
            "Digits", List.of("1234"),
            "From", List.of("+14158675309"),
            "To", List.of("+18005551212"));
    private static final String DOCUMENTED = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";

    @Test
    void computesTwilioDocumentedExampleSignature() {
        assertThat(TwilioSignature.compute(TOKEN, URL, PARAMETERS)).isEqualTo(DOCUMENTED);
    }

    @Test
    void acceptsTheDocumentedSignatureAndRefusesAnyChange() {
        assertThat(TwilioSignature.verify(TOKEN, URL, PARAMETERS, DOCUMENTED)).isTrue();
        assertThat(TwilioSignature.verify("54321", URL, PARAMETERS, DOCUMENTED)).isFalse();
        assertThat(TwilioSignature.verify(TOKEN, URL.replace("foo=1", "foo=2"), PARAMETERS, DOCUMENTED)).isFalse();
        assertThat(TwilioSignature.verify(TOKEN, URL, Map.of("Digits", List.of("1234")), DOCUMENTED)).isFalse();
        assertThat(TwilioSignature.verify(TOKEN, URL, PARAMETERS, "RSOYDt4T1cUTdK1PDd93/VVr8B9=")).isFalse();
        assertThat(TwilioSignature.verify(TOKEN, URL, PARAMETERS, null)).isFalse();
        assertThat(TwilioSignature.verify(TOKEN, URL, PARAMETERS, "")).isFalse();
    }
}
