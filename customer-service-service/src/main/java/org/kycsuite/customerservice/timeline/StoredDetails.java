package org.kycsuite.customerservice.timeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Optional;
import org.kycsuite.events.EventContract;
import org.kycsuite.events.EventContracts;
import org.kycsuite.events.EventDetail;

/** Reads a stored (sanitised) detail back into its event record. */
public final class StoredDetails {

    private StoredDetails() {
    }

    /** The entry's detail record; empty for an unknown event. */
    public static Optional<EventDetail> read(TimelineEntry entry) {
        if (!entry.known || entry.detail == null) {
            return Optional.empty();
        }
        return EventContract.forDetailType(entry.detailType).map(contract -> {
            try {
                return EventContracts.readDetail(contract, EventContracts.mapper().readTree(entry.detail));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Stored detail of event " + entry.eventId + " is not JSON", e);
            }
        });
    }
}
