package org.kycsuite.kyc.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.kycsuite.events.ContractViolation;
import org.kycsuite.events.EventContract;
import org.kycsuite.events.EventContracts;
import org.kycsuite.events.EventTypes;
import org.kycsuite.events.ManualReviewRequested;
import org.kycsuite.support.sqs.UnprocessableMessageException;

/**
 * Turns "Manual review requested" events from the KYC workflow ({@code bank.kyc}) into pending reviews,
 * once per event id. A message that is not such an event, comes from another source, or breaks its
 * contract, fails: SQS redelivers it and finally moves it to the DLQ.
 */
@ApplicationScoped
public class ReviewInbox {

    private static final Logger LOG = Logger.getLogger(ReviewInbox.class);

    @Inject
    Clock clock;

    /** Stores the review carried by {@code message} (an EventBridge event); a repeated event id is ignored. */
    @Transactional
    public void receive(String message) {
        ObjectMapper mapper = EventContracts.mapper();
        JsonNode event;
        try {
            event = mapper.readTree(message);
        } catch (JsonProcessingException e) {
            throw new UnprocessableMessageException("Message is not JSON");
        }
        String eventId = event.path("id").asText(null);
        String detailType = event.path("detail-type").asText(null);
        if (eventId == null || !EventTypes.MANUAL_REVIEW_REQUESTED.equals(detailType)) {
            throw new UnprocessableMessageException("Not a \"" + EventTypes.MANUAL_REVIEW_REQUESTED + "\" event: "
                    + detailType);
        }
        String source = event.path("source").asText(null);
        if (!EventTypes.SOURCE_KYC.equals(source)) {
            // Only the KYC workflow asks for reviews: anything else that can write to the queue could
            // otherwise put a review, with a task token of its choosing, in front of an officer.
            throw new UnprocessableMessageException("Event " + eventId + " is from \"" + source + "\", not "
                    + EventTypes.SOURCE_KYC + ": only the KYC workflow requests manual reviews");
        }
        if (ProcessedEvent.findById(eventId) != null) {
            LOG.debugf("Event %s already processed", eventId);
            return;
        }
        JsonNode detail = event.path("detail");
        List<ContractViolation> violations = EventContracts.validate(detailType, detail);
        if (!violations.isEmpty()) {
            throw new UnprocessableMessageException("Event " + eventId + " breaks its contract: "
                    + violations.stream().map(ContractViolation::pointer).toList());
        }
        ManualReviewRequested requested = (ManualReviewRequested) EventContracts.readDetail(
                EventContract.MANUAL_REVIEW_REQUESTED, detail);
        ProcessedEvent processed = new ProcessedEvent();
        processed.eventId = eventId;
        processed.processedAt = clock.instant();
        processed.persist();
        Review review = new Review();
        review.id = UUID.randomUUID();
        review.eventId = eventId;
        review.applicationId = requested.applicationId();
        review.applicantName = requested.applicantName();
        review.riskLevel = requested.riskLevel();
        review.riskScore = requested.riskScore();
        review.status = Review.Status.PENDING;
        review.factors = detail.path("factors").toString();
        review.reasons = detail.path("reasons").toString();
        review.screeningMatches = detail.path("screeningMatches").toString();
        review.taskToken = requested.taskToken();
        review.requestedAt = requested.requestedAt();
        review.receivedAt = clock.instant();
        review.persist();
        LOG.infof("Review %s pending for application %s (%s)", review.id, review.applicationId, review.riskLevel);
    }
}
