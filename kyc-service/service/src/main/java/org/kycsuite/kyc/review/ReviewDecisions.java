package org.kycsuite.kyc.review;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.kycsuite.kyc.problem.ProblemException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/**
 * Decides a review: resumes the waiting workflow with SendTaskSuccess, then records the decision.
 *
 * <p>The review row stays locked while Step Functions is called, so two officers deciding at once
 * cannot both send the token: the second waits and then sees the review decided (409). If Step
 * Functions cannot be reached the transaction rolls back and the review stays pending (502).
 */
@ApplicationScoped
public class ReviewDecisions {

    private static final Logger LOG = Logger.getLogger(ReviewDecisions.class);

    @Inject
    SfnClient stepFunctions;

    @Inject
    Clock clock;

    /** The review after the decision; EXPIRED when the workflow no longer waited for it. */
    @Transactional
    public Review decide(UUID id, Decision decision, String note, String officer) {
        Review review = Review.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (review == null) {
            throw new ProblemException(404, "Review not found", "No review " + id);
        }
        if (review.status == Review.Status.EXPIRED) {
            return review;
        }
        if (review.status != Review.Status.PENDING) {
            throw new ProblemException(409, "Review already decided", "Review " + id + " was already "
                    + review.status + " by " + review.decidedBy);
        }
        Instant now = clock.instant();
        String cutNote = DecisionOutput.truncateNote(note);
        String output = DecisionOutput.json(review, decision, officer, cutNote, now);
        switch (send(review, output)) {
            case SENT -> {
                review.decide(decision == Decision.APPROVE ? Review.Status.APPROVED : Review.Status.REJECTED,
                        officer, cutNote, now);
                LOG.infof("Review %s of application %s: %s by %s", id, review.applicationId, review.status, officer);
            }
            case EXPIRED -> {
                review.expire(now);
                LOG.infof("Review %s of application %s expired: the workflow no longer waits", id,
                        review.applicationId);
            }
            default -> throw new IllegalStateException();
        }
        return review;
    }

    private SendResult send(Review review, String output) {
        try {
            stepFunctions.sendTaskSuccess(b -> b.taskToken(review.taskToken).output(output));
            return SendResult.SENT;
        } catch (SdkException e) {
            SendResult result = classify(e);
            if (result == SendResult.UNAVAILABLE) {
                LOG.warnf("Step Functions did not take the decision on review %s: %s", review.id,
                        e.getClass().getSimpleName());
                throw new ProblemException(502, "Step Functions unavailable",
                        "The decision could not be delivered to the workflow; the review stays pending. Try again.");
            }
            return result;
        }
    }

    /** A token that timed out, is unknown or malformed can never be used again; anything else may pass. */
    static SendResult classify(SdkException e) {
        if (e instanceof TaskTimedOutException || e instanceof TaskDoesNotExistException
                || e instanceof InvalidTokenException) {
            return SendResult.EXPIRED;
        }
        return SendResult.UNAVAILABLE;
    }

    /** What became of a SendTaskSuccess call. */
    enum SendResult { SENT, EXPIRED, UNAVAILABLE }
}
