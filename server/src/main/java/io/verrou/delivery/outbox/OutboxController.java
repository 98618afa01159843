package io.verrou.delivery.outbox;

import java.net.URI;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import io.verrou.delivery.CallAnswers;
import io.verrou.delivery.DeliveryConditions;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The outbox, for people and for tests (SPEC S0): {@code /dev/outbox} lists what would have been sent, newest
 * first, and answers ringing calls with # or 0#; {@code /dev/outbox.json} is the same list for programs. Exists
 * only when text messages, calls or emails go to the outbox and demo mode or {@code VERROU_OUTBOX_PAGE=on} asks for
 * the pages: they show every code to whoever opens them. Administrators read their own organisation's outbox in the
 * console either way.
 * An email shows its subject and its plain-text version; its HTML version says the same and is not kept.
 */
@Controller
@Conditional(DeliveryConditions.OutboxPage.class)
class OutboxController {

    /** More than any test or demo needs, few enough for one page. */
    static final int SHOWN = 200;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final JdbcOutbox outbox;
    private final CallAnswers answers;

    OutboxController(JdbcOutbox outbox, CallAnswers answers) {
        this.outbox = outbox;
        this.answers = answers;
        LoggerFactory.getLogger(OutboxController.class).warn("The outbox pages are on (/dev/outbox, by demo mode or "
                + "VERROU_OUTBOX_PAGE=on): whoever reaches this server reads every code and email sent, and answers "
                + "every call. Never in production.");
    }

    /**
     * One delivery as {@code /dev/outbox.json} shows it.
     *
     * @param createdAt ISO-8601, UTC
     * @param state     sent, ringing or answered
     */
    record Json(String id, String channel, String to, String subject, String body, String code, String createdAt,
            String state) {

        static Json of(OutboxDelivery delivery) {
            return new Json(delivery.id().toString(), delivery.channel().id(), delivery.to(),
                    delivery.subject().orElse(null), delivery.body(), delivery.code().orElse(null),
                    delivery.createdAt().toString(), delivery.state().id());
        }
    }

    @GetMapping("/dev/outbox")
    String page(Model model) {
        model.addAttribute("deliveries", outbox.newestFirst(SHOWN));
        model.addAttribute("time", TIME);
        return "delivery/outbox";
    }

    /** JSON whatever the request accepts: the address says what it is. */
    @GetMapping("/dev/outbox.json")
    ResponseEntity<List<Json>> json() {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .body(outbox.newestFirst(SHOWN).stream().map(Json::of).toList());
    }

    /**
     * Answers a ringing call with {@code keys=#} or {@code keys=0#}: records the keys, tells the listeners, then
     * shows the outbox again (a form) or the answered call (a client that accepts JSON). Unknown delivery: 404;
     * other keys: 400; not a ringing call: 409.
     */
    @PostMapping("/dev/outbox/{id}/keypress")
    ResponseEntity<Json> keypress(@PathVariable String id, @RequestParam(defaultValue = "") String keys,
            @RequestHeader(name = "Accept", defaultValue = "") String accept, HttpServletRequest request) {
        OutboxDelivery delivery = parse(id).flatMap(outbox::find)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (!CallAnswers.valid(keys)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        if (!delivery.ringing() || !outbox.answer(delivery.id(), keys)) {
            throw new ResponseStatusException(HttpStatus.CONFLICT);
        }
        answers.answered(delivery.callId().orElseThrow(), keys);
        if (wantsJson(accept)) {
            return ResponseEntity.ok()
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Json.of(outbox.find(delivery.id()).orElseThrow()));
        }
        return ResponseEntity.status(HttpStatus.SEE_OTHER)
                .location(URI.create(request.getContextPath() + "/dev/outbox#delivery-" + delivery.id()))
                .build();
    }

    private static boolean wantsJson(String accept) {
        try {
            return MediaType.parseMediaTypes(accept).stream()
                    .anyMatch(type -> MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type) && type.getQualityValue() > 0);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Optional<UUID> parse(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
