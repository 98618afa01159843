package io.verrou.delivery.twilio;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.verrou.delivery.CallAnswers;
import io.verrou.delivery.DeliveryConditions;
import io.verrou.delivery.DeliveryProperties;
import io.verrou.delivery.DeliveryTexts;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Twilio's report of the keys pressed during a call ({@code <Gather action>}):
 * {@code POST /api/delivery/twilio/calls/{callId}/gather?lang=en|fr} with {@code Digits} and {@code FinishedOnKey}.
 * The request must carry Twilio's signature of the URL Verrou gave it (built from the public URL, not from the
 * request's host) and of its POST parameters; anything else is refused with 403. The reply is TwiML that thanks
 * the person, or says goodbye when nothing usable was pressed. Exists only when calls go through Twilio.
 */
@RestController
@Conditional(DeliveryConditions.TwilioVoice.class)
class TwilioCallController {

    private static final Logger log = LoggerFactory.getLogger(TwilioCallController.class);
    private static final MediaType TEXT_XML = MediaType.parseMediaType("text/xml;charset=UTF-8");

    private final URI publicUrl;
    private final String authToken;
    private final CallAnswers answers;
    private final DeliveryTexts texts;

    TwilioCallController(DeliveryProperties properties, CallAnswers answers, DeliveryTexts texts) {
        this.publicUrl = properties.twilioPublicUrl()
                .orElseThrow(() -> new IllegalStateException("VERROU_DELIVERY_PUBLIC_URL is not set"));
        this.authToken = properties.twilio().authToken()
                .orElseThrow(() -> new IllegalStateException("VERROU_DELIVERY_TWILIO_AUTH_TOKEN is not set"));
        this.answers = answers;
        this.texts = texts;
    }

    @PostMapping(TwilioDelivery.CALLS_PATH + "{callId}" + TwilioDelivery.GATHER)
    ResponseEntity<String> gather(@PathVariable String callId, HttpServletRequest request) {
        String query = request.getQueryString();
        String url = publicUrl + TwilioDelivery.CALLS_PATH + callId + TwilioDelivery.GATHER
                + (query == null ? "" : "?" + query);
        if (!TwilioSignature.verify(authToken, url, postParameters(request), request.getHeader(TwilioSignature.HEADER))) {
            log.warn("Refused a Twilio call answer: bad signature");
            return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
        }
        Locale locale = "fr".equals(request.getParameter("lang")) ? Locale.FRENCH : Locale.ENGLISH;
        UUID id;
        try {
            id = UUID.fromString(callId);
        } catch (IllegalArgumentException e) {
            return ResponseEntity.notFound().build();
        }
        Optional<String> keys = keys(request.getParameter("Digits"), request.getParameter("FinishedOnKey"));
        if (keys.isEmpty()) {
            log.info("Call {} ended without an answer", id);
            return twiml(locale, "delivery.voice.noanswer");
        }
        answers.answered(id, keys.get());
        return twiml(locale, "delivery.voice.thanks");
    }

    /**
     * {@code #} alone arrives as no digits finished by #; {@code 0#} as the digit 0 finished by #. Silence
     * (nothing finished the gather) and any other keys are no answer, so that an unattended phone never approves.
     */
    static Optional<String> keys(String digits, String finishedOnKey) {
        if (!"#".equals(finishedOnKey)) {
            return Optional.empty();
        }
        String keys = (digits == null ? "" : digits.strip()) + "#";
        return CallAnswers.valid(keys) ? Optional.of(keys) : Optional.empty();
    }

    private ResponseEntity<String> twiml(Locale locale, String key) {
        return ResponseEntity.ok().contentType(TEXT_XML).body(TwilioDelivery.sayOnly(locale, texts.text(key, locale)));
    }

    /** The request's parameters without the ones of its query string, which Twilio signs as part of the URL. */
    private static Map<String, List<String>> postParameters(HttpServletRequest request) {
        Set<String> queryNames = new HashSet<>();
        String query = request.getQueryString();
        if (query != null) {
            for (String pair : query.split("&")) {
                String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
                queryNames.add(URLDecoder.decode(name, StandardCharsets.UTF_8));
            }
        }
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> {
            if (!queryNames.contains(name)) {
                parameters.put(name, Arrays.asList(values));
            }
        });
        return parameters;
    }
}
