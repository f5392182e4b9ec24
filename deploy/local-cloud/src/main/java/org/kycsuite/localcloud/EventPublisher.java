package org.kycsuite.localcloud;

import java.util.List;

/**
 * PutEvents from inside the local cloud (the Step Functions {@code events:putEvents} integration):
 * the same validation, durability and routing as the public {@code AWSEvents.PutEvents}.
 * Implemented by the bus (part 1), used by the Step Functions engine (part 2).
 */
public interface EventPublisher {

    /** One PutEvents request entry, named as in the EventBridge API. */
    record Entry(String source, String detailType, String detail, String eventBusName,
                 java.time.Instant time, List<String> resources) {
    }

    /** One result per entry, in order: an event id, or an error code and message. */
    record Result(String eventId, String errorCode, String errorMessage) {
        public boolean failed() {
            return errorCode != null;
        }
    }

    List<Result> putEvents(List<Entry> entries);
}
