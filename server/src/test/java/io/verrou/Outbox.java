package io.verrou;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The built-in outbox as a test reads it: over HTTP, through {@code /dev/outbox.json}, exactly as SPEC S0
 * describes it, the way any tool outside Verrou would.
 */
public final class Outbox {

    /** One delivery, as the JSON lists it. */
    public record Delivery(String id, String channel, String to, String body, String code, String state) {
    }

    /** One email, as the JSON lists it: its subject, its plain-text version as the body, its code if any. */
    public record Email(String id, String to, String subject, String body, String code) {
    }

    private final HttpClient client = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String base;

    public Outbox(int port) {
        this.base = "http://localhost:" + port;
    }

    /** Every delivery, newest first. */
    public List<Delivery> deliveries() {
        JsonNode list = json.readTree(send(HttpRequest.newBuilder(URI.create(base + "/dev/outbox.json")).GET()));
        List<Delivery> deliveries = new ArrayList<>();
        for (JsonNode d : list) {
            deliveries.add(new Delivery(d.get("id").asString(), d.get("channel").asString(), d.get("to").asString(),
                    text(d, "body"), text(d, "code"), d.get("state").asString()));
        }
        return deliveries;
    }

    /** The newest delivery to a number on a channel. */
    public Delivery latest(String to, String channel) {
        return deliveries().stream()
                .filter(d -> d.to().equals(to) && d.channel().equals(channel))
                .findFirst()
                .orElseThrow(() -> new AssertionError("Nothing was sent by " + channel + " to " + to));
    }

    /** The newest email to an address. */
    public Email latestEmail(String to) {
        return emails(to).stream().findFirst().orElseThrow(() -> new AssertionError("No email was sent to " + to));
    }

    /** Every email to an address, newest first. */
    public List<Email> emails(String to) {
        JsonNode list = json.readTree(send(HttpRequest.newBuilder(URI.create(base + "/dev/outbox.json")).GET()));
        List<Email> emails = new ArrayList<>();
        for (JsonNode d : list) {
            if ("email".equals(d.get("channel").asString()) && to.equals(d.get("to").asString())) {
                emails.add(new Email(d.get("id").asString(), to, text(d, "subject"), text(d, "body"), text(d, "code")));
            }
        }
        return emails;
    }

    public long count(String to, String channel) {
        return deliveries().stream().filter(d -> d.to().equals(to) && d.channel().equals(channel)).count();
    }

    /** Answers a ringing call with keys, e.g. {@code #} or {@code 0#}. */
    public int press(String deliveryId, String keys) {
        String form = "keys=" + java.net.URLEncoder.encode(keys, java.nio.charset.StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/dev/outbox/" + deliveryId + "/keypress"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("The outbox answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : value.asString();
    }
}
