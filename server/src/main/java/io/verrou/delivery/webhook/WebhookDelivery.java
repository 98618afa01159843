package io.verrou.delivery.webhook;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.verrou.delivery.DeliveryReceipt;
import io.verrou.delivery.ProviderHttp;
import io.verrou.delivery.SmsMessage;
import io.verrou.delivery.VoiceCall;

import tools.jackson.databind.json.JsonMapper;

/**
 * The generic provider: each text message and call is a signed JSON POST to one URL, for the organisation's
 * own gateway to deliver.
 * <pre>
 * {"type":"sms","id":"…","to":"+33…","body":"…","locale":"fr"}
 * {"type":"voice","id":"&lt;callId&gt;","to":"+33…","script":"…","locale":"fr","answerUrl":"&lt;public-url&gt;/api/delivery/webhook/calls/&lt;callId&gt;"}
 * </pre>
 * The gateway answers a call by POSTing {@code {"keys":"#"}} (or {@code "0#"}) to {@code answerUrl}, signed the
 * same way ({@link WebhookCallController}).
 */
public final class WebhookDelivery {

    public static final String PROVIDER = "webhook";
    static final String ANSWER_PATH = "/api/delivery/webhook/calls/";

    private final URI url;
    private final WebhookSignature signature;
    private final Optional<URI> publicUrl;
    private final Clock clock;
    private final JsonMapper json;
    private final ProviderHttp http;

    /**
     * @param publicUrl Verrou's base URL, without a trailing slash; needed only to place calls
     */
    public WebhookDelivery(URI url, String secret, Optional<URI> publicUrl, Duration timeout, Clock clock, JsonMapper json) {
        this.url = url;
        this.signature = new WebhookSignature(secret);
        this.publicUrl = publicUrl;
        this.clock = clock;
        this.json = json;
        this.http = new ProviderHttp(PROVIDER, timeout);
    }

    public DeliveryReceipt send(SmsMessage message) {
        String id = UUID.randomUUID().toString();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", "sms");
        payload.put("id", id);
        payload.put("to", message.to());
        payload.put("body", message.body());
        payload.put("locale", message.locale().toLanguageTag());
        post(payload, "sms", message.to());
        http.accepted("sms", message.to(), id);
        return new DeliveryReceipt(PROVIDER, id);
    }

    public DeliveryReceipt call(VoiceCall call) {
        URI base = publicUrl.orElseThrow(() -> new IllegalStateException("The webhook needs a public URL to place calls"));
        String id = call.callId().toString();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", "voice");
        payload.put("id", id);
        payload.put("to", call.to());
        payload.put("script", call.script());
        payload.put("locale", call.locale().toLanguageTag());
        payload.put("answerUrl", base + ANSWER_PATH + id);
        post(payload, "voice", call.to());
        http.accepted("voice", call.to(), id);
        return new DeliveryReceipt(PROVIDER, id);
    }

    private void post(Map<String, Object> payload, String channel, String to) {
        byte[] body = json.writeValueAsString(payload).getBytes(StandardCharsets.UTF_8);
        long timestamp = clock.instant().getEpochSecond();
        http.send(HttpRequest.newBuilder(url)
                .header("Content-Type", "application/json")
                .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(WebhookSignature.SIGNATURE_HEADER, signature.sign(timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)), channel, to);
    }
}
