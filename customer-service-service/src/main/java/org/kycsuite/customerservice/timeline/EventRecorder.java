package org.kycsuite.customerservice.timeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;
import org.kycsuite.customerservice.cases.CaseProjection;
import org.kycsuite.events.ContractViolation;
import org.kycsuite.events.EventContract;
import org.kycsuite.events.EventContracts;
import org.kycsuite.events.EventDetail;

/**
 * Stores one received event on its application's timeline, once per event id, and refreshes the
 * case. Order does not matter: the case is recomputed from all its events each time.
 */
@ApplicationScoped
public class EventRecorder {

    private static final Logger LOG = Logger.getLogger(EventRecorder.class);
    private static final int MAX_SUMMARY = 4000;

    private final ObjectMapper mapper = EventContracts.mapper();
    private final EventMetrics metrics;
    private final CaseProjection cases;

    EventRecorder(EventMetrics metrics, CaseProjection cases) {
        this.metrics = metrics;
        this.cases = cases;
    }

    /**
     * Records the EventBridge event in {@code body}.
     *
     * @return false when the event id was already recorded (a redelivery)
     * @throws MalformedEventException when the body is not an event, or a known event breaks its contract
     */
    @Transactional
    public boolean record(String body) {
        ReceivedEvent event = parse(body);
        if (TimelineEntry.findById(event.id()) != null) {
            metrics.duplicate();
            LOG.debugf("Event %s already recorded; redelivery skipped", event.id());
            return false;
        }
        TimelineEntry entry = event.contract().isPresent() ? known(event, event.contract().get()) : unknown(event);
        entry.receivedAt = Instant.now();
        entry.persist();
        if (entry.applicationId != null) {
            cases.refresh(entry.applicationId);
        }
        metrics.consumed(entry.known ? entry.detailType : "unknown", entry.eventTime, entry.receivedAt);
        LOG.infof("Recorded \"%s\" %s for applicationId=%s", entry.detailType, entry.eventId, entry.applicationId);
        return true;
    }

    private ReceivedEvent parse(String body) {
        JsonNode root;
        try {
            root = mapper.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            metrics.malformed();
            // Location only: the parser's message quotes the content, which may hold personal data.
            throw new MalformedEventException("the message is not JSON (at " + (e.getLocation() == null ? "?"
                    : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()) + ")");
        }
        try {
            return ReceivedEvent.of(root);
        } catch (MalformedEventException e) {
            metrics.malformed();
            throw e;
        }
    }

    private TimelineEntry known(ReceivedEvent event, EventContract contract) {
        List<ContractViolation> violations = EventContracts.validate(contract.detailType(), event.detail());
        if (!violations.isEmpty()) {
            metrics.malformed();
            // Pointers and messages only: a violation never quotes a value, so no document number leaks.
            throw new MalformedEventException("event " + event.id() + " breaks the \"" + contract.detailType()
                    + "\" contract: " + violations.stream().map(v -> v.pointer() + " " + v.message()).toList());
        }
        ObjectNode detail = DetailSanitizer.sanitized(event.detail());
        EventDetail record;
        try {
            record = EventContracts.readDetail(contract, detail);
        } catch (IllegalArgumentException e) {
            metrics.malformed();
            throw new MalformedEventException("event " + event.id() + " cannot be read as \""
                    + contract.detailType() + "\"", e);
        }
        TimelineLine line = TimelineLines.describe(record);
        TimelineEntry entry = base(event);
        entry.applicationId = record.applicationId().toString();
        entry.known = true;
        entry.detail = detail.toString();
        entry.contentHash = DetailSanitizer.contentHash(contract.detailType(), detail);
        entry.actor = line.actor();
        entry.summary = truncate(line.summary());
        return entry;
    }

    private TimelineEntry unknown(ReceivedEvent event) {
        metrics.unknown(event.detailType());
        TimelineEntry entry = base(event);
        entry.applicationId = event.applicationId();
        entry.known = false;
        TimelineLine line = TimelineLines.unknown(event.detailType(), event.source(), event.schemaVersion());
        entry.actor = line.actor();
        entry.summary = truncate(line.summary());
        LOG.warnf("Unknown event \"%s\" (schemaVersion %s) from %s recorded as such for applicationId=%s",
                event.detailType(), event.schemaVersion(), event.source(), event.applicationId());
        return entry;
    }

    private static TimelineEntry base(ReceivedEvent event) {
        TimelineEntry entry = new TimelineEntry();
        entry.eventId = event.id();
        entry.detailType = event.detailType();
        entry.source = event.source();
        entry.eventTime = event.time();
        entry.schemaVersion = event.schemaVersion();
        return entry;
    }

    private static String truncate(String text) {
        return text.length() <= MAX_SUMMARY ? text : text.substring(0, MAX_SUMMARY - 1) + "…";
    }
}
