package org.kycsuite.accounts.outcome;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.MDC;
import org.kycsuite.events.ContractViolation;
import org.kycsuite.events.EventContract;
import org.kycsuite.events.EventContracts;
import org.kycsuite.events.EventDetail;
import org.kycsuite.events.EventTypes;
import org.kycsuite.support.sqs.Redelivery;

/**
 * Reads KYC outcomes from the {@code accounts-kyc-outcomes} queue (SmallRye's SQS connector). The
 * message body is the EventBridge event as the rule delivered it. Acknowledgement is manual
 * ({@link Redelivery}): a message that can never be handled reaches the dead-letter queue after the
 * queue's redrive count; a transient failure brings it back later and later instead. Only the event
 * id and JSON pointers are logged, never the body.
 */
@ApplicationScoped
public class OutcomeConsumer {

    private static final Set<String> OUTCOMES =
            Set.of(EventTypes.NEW_ACCOUNT_APPROVED, EventTypes.NEW_ACCOUNT_REJECTED);

    private final KycOutcomes outcomes;
    private final int firstRetrySeconds;

    public OutcomeConsumer(KycOutcomes outcomes,
                           @ConfigProperty(name = "accounts.outcomes.first-retry-delay", defaultValue = "PT30S")
                           Duration firstRetryDelay) {
        this.outcomes = outcomes;
        this.firstRetrySeconds = (int) Math.min(firstRetryDelay.toSeconds(), Integer.MAX_VALUE);
    }

    @Incoming("kyc-outcomes")
    // Outcomes of different applications are independent, and each is applied idempotently: handled
    // side by side on the worker pool rather than one at a time (which capped the flow at ~8/s).
    @Blocking(ordered = false)
    public CompletionStage<Void> consume(Message<String> message) {
        return Redelivery.handle(message, this::apply, "KYC outcome", firstRetrySeconds);
    }

    private void apply(String body) {
        Outcome outcome = parse(body);
        MDC.put("applicationId", outcome.detail().applicationId().toString());
        try {
            outcomes.apply(outcome.eventId(), outcome.detail());
        } finally {
            MDC.remove("applicationId");
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
