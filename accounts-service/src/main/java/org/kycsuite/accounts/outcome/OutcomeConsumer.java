package org.kycsuite.accounts.outcome;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.kycsuite.events.ContractViolation;
import org.kycsuite.events.EventContract;
import org.kycsuite.events.EventContracts;
import org.kycsuite.events.EventDetail;
import org.kycsuite.events.EventTypes;

/**
 * Reads KYC outcomes from the {@code accounts-kyc-outcomes} queue (SmallRye's SQS connector). The
 * message body is the EventBridge event as the rule delivered it. A message that cannot be handled
 * makes the method throw: it is not acknowledged, comes back after the visibility timeout and, after
 * the queue's redrive count, lands in the dead-letter queue. Only the event id and JSON pointers
 * are logged, never the body.
 */
@ApplicationScoped
public class OutcomeConsumer {

    private static final Logger LOG = Logger.getLogger(OutcomeConsumer.class);
    private static final Set<String> OUTCOMES =
            Set.of(EventTypes.NEW_ACCOUNT_APPROVED, EventTypes.NEW_ACCOUNT_REJECTED);

    private final KycOutcomes outcomes;

    public OutcomeConsumer(KycOutcomes outcomes) {
        this.outcomes = outcomes;
    }

    @Incoming("kyc-outcomes")
    // Outcomes of different applications are independent, and each is applied idempotently: handled
    // side by side on the worker pool rather than one at a time (which capped the flow at ~8/s).
    @Blocking(ordered = false)
    public void consume(String body) {
        try {
            Outcome outcome = parse(body);
            MDC.put("applicationId", outcome.detail().applicationId().toString());
            try {
                outcomes.apply(outcome.eventId(), outcome.detail());
            } finally {
                MDC.remove("applicationId");
            }
        } catch (PoisonMessageException e) {
            LOG.errorf("Outcome message not handled, left for the dead-letter queue: %s", e.getMessage());
            throw e;
        }
    }

    /** An outcome event's id and detail. */
    record Outcome(String eventId, EventDetail detail) {
    }

    static Outcome parse(String body) {
        JsonNode event;
        try {
            event = EventContracts.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            throw new PoisonMessageException("Message body is not JSON");
        }
        if (event == null || !event.isObject()) {
            throw new PoisonMessageException("Message body is not an EventBridge event");
        }
        String eventId = event.path("id").asText("");
        String detailType = event.path("detail-type").asText("");
        if (eventId.isBlank() || !OUTCOMES.contains(detailType)
                || !EventTypes.SOURCE_KYC.equals(event.path("source").asText())) {
            throw new PoisonMessageException("Message is not a KYC outcome event (id \"" + eventId
                    + "\", detail-type \"" + detailType + "\")");
        }
        JsonNode detail = event.path("detail");
        List<ContractViolation> violations = EventContracts.validate(detailType, detail);
        if (!violations.isEmpty()) {
            throw new PoisonMessageException("Event " + eventId + " breaks the \"" + detailType
                    + "\" contract at " + violations.stream().map(ContractViolation::pointer).distinct()
                    .collect(Collectors.joining(", ")));
        }
        EventContract contract = EventContract.forDetailType(detailType).orElseThrow();
        return new Outcome(eventId, EventContracts.readDetail(contract, detail));
    }
}
