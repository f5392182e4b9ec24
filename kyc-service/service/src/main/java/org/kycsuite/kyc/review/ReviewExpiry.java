package org.kycsuite.kyc.review;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Marks pending reviews EXPIRED once the workflow has stopped waiting for them (the review timed out
 * and the application was rejected with REVIEW_TIMED_OUT), so officers never work on a dead case.
 *
 * <p>Step Functions is asked with SendTaskHeartbeat: it changes nothing for a task that waits
 * (the review task has no HeartbeatSeconds) and answers TaskTimedOut or TaskDoesNotExist for a token
 * that can no longer be used — the same answers a late decision would get.
 */
@ApplicationScoped
public class ReviewExpiry {

    private static final Logger LOG = Logger.getLogger(ReviewExpiry.class);

    @Inject
    SfnClient stepFunctions;

    @Inject
    Clock clock;

    @Scheduled(every = "${kyc.reviews.expiry-check-interval}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledCheck() {
        expireTimedOut();
    }

    /** Checks every pending review once; returns how many expired. */
    public int expireTimedOut() {
        int expired = 0;
        for (UUID id : pendingIds()) {
            try {
                if (expireIfTimedOut(id)) {
                    expired++;
                }
            } catch (SdkException e) {
                // Step Functions unreachable: try again at the next check, the review stays pending.
                LOG.debugf("Expiry check of review %s postponed: %s", id, e.getClass().getSimpleName());
                break;
            }
        }
        return expired;
    }

    @Transactional
    List<UUID> pendingIds() {
        return Review.<Review>list("status", Review.Status.PENDING).stream().map(review -> review.id).toList();
    }

    @Transactional
    boolean expireIfTimedOut(UUID id) {
        Review review = Review.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (review == null || review.status != Review.Status.PENDING) {
            return false;
        }
        try {
            stepFunctions.sendTaskHeartbeat(b -> b.taskToken(review.taskToken));
            return false;
        } catch (SdkException e) {
            if (ReviewDecisions.classify(e) != ReviewDecisions.SendResult.EXPIRED) {
                throw e;
            }
        }
        review.expire(clock.instant());
        LOG.infof("Review %s of application %s expired: the workflow no longer waits", id, review.applicationId);
        return true;
    }
}
