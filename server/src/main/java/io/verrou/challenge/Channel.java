package io.verrou.challenge;

/** How a one-time code or approval reaches a person: a text, a call, or an email. */
public enum Channel {
    SMS("sms"),
    VOICE("voice"),
    EMAIL("email");

    private final String id;

    Channel(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The channel named {@code id}; anything unknown is a text message. */
    public static Channel fromId(String id) {
        return "voice".equals(id) ? VOICE : "email".equals(id) ? EMAIL : SMS;
    }
}
