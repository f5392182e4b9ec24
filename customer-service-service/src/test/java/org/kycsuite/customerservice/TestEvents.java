package org.kycsuite.customerservice;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;
import org.kycsuite.events.EventContract;
import org.kycsuite.events.SampleEvents;

/** The shared sample events, re-addressed to a fresh application with fresh event ids. */
final class TestEvents {

    private TestEvents() {
    }

    /** The sample of {@code contract} for {@code applicationId}, with a new event id and the given time. */
    static ObjectNode sample(EventContract contract, String applicationId, Instant time) {
        ObjectNode event = (ObjectNode) SampleEvents.tree(contract);
        event.put("id", UUID.randomUUID().toString());
        event.put("time", time.toString());
        ((ObjectNode) event.get("detail")).put("applicationId", applicationId);
        return event;
    }

    static ObjectNode sample(EventContract contract, String applicationId, Instant time,
                             Consumer<ObjectNode> detailChange) {
        ObjectNode event = sample(contract, applicationId, time);
        detailChange.accept((ObjectNode) event.get("detail"));
        return event;
    }

    /** A copy under a new event id, as accounts-service's outbox republishes after a crash. */
    static ObjectNode republished(ObjectNode event) {
        ObjectNode copy = event.deepCopy();
        copy.put("id", UUID.randomUUID().toString());
        return copy;
    }

    static String newApplicationId() {
        return UUID.randomUUID().toString();
    }
}
