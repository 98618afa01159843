package io.verrou.challenge;

/** How a one-time code or approval reaches a phone. */
public enum Channel {
    SMS("sms"),
    VOICE("voice");

    private final String id;

    Channel(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Channel fromId(String id) {
        return "voice".equals(id) ? VOICE : SMS;
    }
}
