package org.kycsuite.customerservice.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;
import org.kycsuite.events.EventContract;
import org.kycsuite.events.EventDetail;

/**
 * An EventBridge envelope as read from the queue, before anything is stored.
 *
 * @param contract the known contract, empty for a detail type, source or schema version this service does not know
 */
record ReceivedEvent(String id, String detailType, String source, Instant time, ObjectNode detail,
                     Optional<EventContract> contract) {

    private static final int MAX_ID = 128;
    private static final int MAX_NAME = 256;

    /** Reads the envelope; anything that is not an event at all is malformed. */
    static ReceivedEvent of(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new MalformedEventException("the message is not a JSON object");
        }
        String id = text(root, "id");
        if (id.length() > MAX_ID) {
            throw new MalformedEventException("the event id is longer than " + MAX_ID + " characters");
        }
        String detailType = clip(text(root, "detail-type"));
        String source = clip(text(root, "source"));
        Instant time;
        try {
            time = Instant.parse(text(root, "time"));
        } catch (DateTimeParseException e) {
            throw new MalformedEventException("event " + id + " has no valid time", e);
        }
        if (!(root.get("detail") instanceof ObjectNode detail)) {
            throw new MalformedEventException("event " + id + " has no detail object");
        }
        Optional<EventContract> contract = EventContract.forDetailType(detailType)
                .filter(c -> c.source().equals(source))
                .filter(c -> detail.path("schemaVersion").isInt()
                        && detail.get("schemaVersion").intValue() == EventDetail.CURRENT_SCHEMA_VERSION);
        return new ReceivedEvent(id, detailType, source, time, detail, contract);
    }

    /** The application the event is about, when the detail names one by UUID. */
    String applicationId() {
        JsonNode value = detail.get("applicationId");
        if (value == null || !value.isTextual()) {
            return null;
        }
        try {
            return UUID.fromString(value.textValue()).toString();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    Integer schemaVersion() {
        JsonNode value = detail.get("schemaVersion");
        return value != null && value.canConvertToInt() ? value.intValue() : null;
    }

    private static String clip(String text) {
        return text.length() <= MAX_NAME ? text : text.substring(0, MAX_NAME);
    }

    private static String text(JsonNode root, String field) {
        JsonNode value = root.get(field);
        if (value == null || !value.isTextual() || value.textValue().isBlank()) {
            throw new MalformedEventException("the envelope has no \"" + field + "\"");
        }
        return value.textValue();
    }
}
