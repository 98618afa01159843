package io.verrou.delivery.twilio;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.verrou.delivery.DeliveryReceipt;
import io.verrou.delivery.DeliveryTexts;
import io.verrou.delivery.ProviderHttp;
import io.verrou.delivery.SmsMessage;
import io.verrou.delivery.VoiceCall;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Twilio: text messages through the Messages API, calls through the Calls API with inline TwiML that speaks the
 * script and gathers the keys. The keys come back to {@link TwilioCallController}.
 */
public final class TwilioDelivery {

    public static final String PROVIDER = "twilio";
    static final String CALLS_PATH = "/api/delivery/twilio/calls/";
    static final String GATHER = "/gather";

    private final URI baseUrl;
    private final String accountSid;
    private final String authorization;
    private final String from;
    private final Optional<URI> publicUrl;
    private final DeliveryTexts texts;
    private final JsonMapper json;
    private final ProviderHttp http;

    /**
     * @param baseUrl   Twilio's API, {@code https://api.twilio.com}, without a trailing slash
     * @param publicUrl Verrou's base URL for the gather callback, without a trailing slash; needed only for calls
     */
    public TwilioDelivery(URI baseUrl, String accountSid, String authToken, String from, Optional<URI> publicUrl,
            Duration timeout, DeliveryTexts texts, JsonMapper json) {
        this.baseUrl = baseUrl;
        this.accountSid = accountSid;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((accountSid + ":" + authToken).getBytes(StandardCharsets.UTF_8));
        this.from = from;
        this.publicUrl = publicUrl;
        this.texts = texts;
        this.json = json;
        this.http = new ProviderHttp(PROVIDER, timeout);
    }

    public DeliveryReceipt send(SmsMessage message) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("To", message.to());
        form.put("From", from);
        form.put("Body", message.body());
        return post("Messages.json", form, "sms", message.to());
    }

    public DeliveryReceipt call(VoiceCall call) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("To", call.to());
        form.put("From", from);
        form.put("Twiml", twiml(call));
        return post("Calls.json", form, "voice", call.to());
    }

    /**
     * The call: the script inside a {@code <Gather>} that ends on # (at most two keys, 15 s of silence), then
     * a goodbye if nothing was pressed. {@code actionOnEmptyResult} makes Twilio report a lone #, which it would
     * otherwise swallow; {@code FinishedOnKey} then tells a # from silence ({@link TwilioCallController}).
     */
    String twiml(VoiceCall call) {
        URI base = publicUrl.orElseThrow(() -> new IllegalStateException("Twilio needs a public URL to place calls"));
        String language = sayLanguage(call.locale());
        String action = base + CALLS_PATH + call.callId() + GATHER + "?lang=" + language(call.locale());
        return "<Response>"
                + "<Gather numDigits=\"2\" finishOnKey=\"#\" timeout=\"15\" actionOnEmptyResult=\"true\" action=\""
                + xml(action) + "\" method=\"POST\">"
                + say(language, call.script())
                + "</Gather>"
                + say(language, texts.text("delivery.voice.noanswer", call.locale()))
                + "</Response>";
    }

    /** A TwiML document that says one thing and hangs up. */
    static String sayOnly(Locale locale, String text) {
        return "<Response>" + say(sayLanguage(locale), text) + "</Response>";
    }

    /** {@code en} or {@code fr}: the languages Verrou speaks. */
    static String language(Locale locale) {
        return "fr".equals(locale.getLanguage()) ? "fr" : "en";
    }

    private static String sayLanguage(Locale locale) {
        return "fr".equals(language(locale)) ? "fr-FR" : "en-US";
    }

    private static String say(String language, String text) {
        return "<Say language=\"" + language + "\">" + xml(text) + "</Say>";
    }

    static String xml(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&apos;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    private DeliveryReceipt post(String resource, Map<String, String> form, String channel, String to) {
        URI uri = URI.create(baseUrl + "/2010-04-01/Accounts/" + URLEncoder.encode(accountSid, StandardCharsets.UTF_8)
                + "/" + resource);
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
                .header("Authorization", authorization)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)), channel, to);
        String sid = sid(response.body());
        http.accepted(channel, to, sid);
        return new DeliveryReceipt(PROVIDER, sid);
    }

    /** Twilio's id of the message or call; "unknown" if the answer had none (it was accepted all the same). */
    private String sid(String body) {
        try {
            JsonNode sid = json.readTree(body).get("sid");
            return sid != null && sid.isString() ? sid.asString() : "unknown";
        } catch (JacksonException e) {
            return "unknown";
        }
    }
}
