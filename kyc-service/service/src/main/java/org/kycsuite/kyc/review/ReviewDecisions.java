package org.kycsuite.kyc.review;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.util.Objects;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.kycsuite.kyc.aws.AwsClients;
import org.kycsuite.kyc.problem.ProblemException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/**
 * Decides a review: records the officer's decision, then sends it to the waiting workflow with
 * SendTaskSuccess — each step in its own short transaction, never holding the row lock across the
 * call to Step Functions.
 *
 * <p>The decision is committed first, so a second officer gets 409 and a failure later (Step
 * Functions unreachable, a commit that fails after the call) never loses it: an undelivered decision
 * is sent again ({@link ReviewRedelivery}). Every call is counted before it is made, on a client that
 * does not retry by itself, so a refused token is read right: refused on the only call ever made, the
 * workflow never got the decision (EXPIRED); refused after an earlier call, that call may have been
 * taken, so the decision stands and is marked REFUSED — never EXPIRED over a decision the workflow
 * may have received.
 */
@ApplicationScoped
public class ReviewDecisions {

    private static final Logger LOG = Logger.getLogger(ReviewDecisions.class);

    @Inject
    @Identifier(AwsClients.DECISIONS)
    SfnClient stepFunctions;

    @Inject
    Clock clock;

    /** The review after the decision; EXPIRED when the workflow no longer waited for it. */
    public Review decide(UUID id, Decision decision, String note, String officer) {
        Review recorded = QuarkusTransaction.requiringNew().call(() -> record(id, decision, note, officer));
        if (recorded.delivery != Review.Delivery.PENDING) {
            return recorded;
        }
        return deliver(id);
    }

    private Review record(UUID id, Decision decision, String note, String officer) {
        Review review = Review.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (review == null) {
            throw new ProblemException(404, "Review not found", "No review " + id);
        }
        Review.Status status = decision == Decision.APPROVE ? Review.Status.APPROVED : Review.Status.REJECTED;
        String cutNote = DecisionOutput.truncateNote(note);
        if (review.status == Review.Status.PENDING) {
            review.decide(status, officer, cutNote, clock.instant());
            LOG.infof("Review %s of application %s: %s by %s (recorded)", id, review.applicationId, status, officer);
            return review;
        }
        boolean sameDecision = review.status == status && officer.equals(review.decidedBy)
                && Objects.equals(cutNote, review.note);
        if (review.status == Review.Status.EXPIRED || sameDecision) {
            return review; // a repeated request: the review as it stands (sent again if still undelivered)
        }
        throw new ProblemException(409, "Review already decided", "Review " + id + " was already "
                + review.status + " by " + review.decidedBy);
    }

    /**
     * Sends a recorded, undelivered decision once; returns the review afterwards (delivery still
     * PENDING when Step Functions could not be reached).
     */
    public Review deliver(UUID id) {
        Attempt attempt = QuarkusTransaction.requiringNew().call(() -> startAttempt(id));
        if (attempt == null) {
            return QuarkusTransaction.requiringNew().call(() -> Review.<Review>findById(id));
        }
        SendResult result = send(id, attempt);
        return QuarkusTransaction.requiringNew().call(() -> settle(id, attempt, result));
    }

    private Attempt startAttempt(UUID id) {
        Review review = Review.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (review == null || review.delivery != Review.Delivery.PENDING || review.status == Review.Status.EXPIRED) {
            return null;
        }
        review.deliveryAttempts++;
        Decision decision = review.status == Review.Status.APPROVED ? Decision.APPROVE : Decision.REJECT;
        return new Attempt(review.taskToken, DecisionOutput.json(review, decision, review.decidedBy, review.note,
                review.decidedAt), review.deliveryAttempts);
    }

    private Review settle(UUID id, Attempt attempt, SendResult result) {
        Review review = Review.findById(id, LockModeType.PESSIMISTIC_WRITE);
        switch (result) {
            case SENT -> {
                review.delivered();
                LOG.infof("Review %s of application %s: %s by %s, taken by the workflow", id, review.applicationId,
                        review.status, review.decidedBy);
            }
            case EXPIRED -> {
                if (review.delivery != Review.Delivery.PENDING) {
                    break; // another attempt settled it; a refusal never overrides what it found
                }
                if (attempt.number() == 1 && review.deliveryAttempts == 1) {
                    review.expire(clock.instant());
                    LOG.infof("Review %s of application %s expired: the workflow no longer waits", id,
                            review.applicationId);
                } else {
                    review.refused();
                    LOG.warnf("Review %s of application %s: %s stands, but Step Functions refused call %d; an "
                            + "earlier call may have been taken (see the application's outcome)", id,
                            review.applicationId, review.status, attempt.number());
                }
            }
            case UNAVAILABLE -> LOG.warnf("Review %s: the decision is recorded; Step Functions did not take it "
                    + "yet and it will be sent again", id);
            default -> throw new IllegalStateException();
        }
        return review;
    }

    private SendResult send(UUID id, Attempt attempt) {
        try {
            stepFunctions.sendTaskSuccess(b -> b.taskToken(attempt.token()).output(attempt.output()));
            return SendResult.SENT;
        } catch (SdkException e) {
            SendResult result = classify(e);
            if (result == SendResult.UNAVAILABLE) {
                LOG.debugf("SendTaskSuccess for review %s failed: %s", id, e.getClass().getSimpleName());
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

    /** One SendTaskSuccess call: the token, the output (the same on every call) and its number. */
    private record Attempt(String token, String output, int number) {
    }
}
