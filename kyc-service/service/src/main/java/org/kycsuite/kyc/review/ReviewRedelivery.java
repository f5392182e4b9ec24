package org.kycsuite.kyc.review;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends recorded decisions the workflow has not taken yet (Step Functions was unreachable, or the
 * service stopped between recording and sending) until Step Functions answers. Decisions younger
 * than the grace period are left to the officer's own request.
 */
@ApplicationScoped
public class ReviewRedelivery {

    @Inject
    ReviewDecisions decisions;

    @Inject
    Clock clock;

    @ConfigProperty(name = "kyc.reviews.redelivery-grace", defaultValue = "PT10S")
    Duration grace;

    @Scheduled(every = "${kyc.reviews.redelivery-interval:10s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        deliverRecorded();
    }

    /** Sends every undelivered decision older than the grace period once; returns how many were taken. */
    public int deliverRecorded() {
        Instant before = clock.instant().minus(grace);
        List<UUID> ids = QuarkusTransaction.requiringNew().call(() -> Review.<Review>list(
                "delivery = ?1 and status <> ?2 and decidedAt < ?3", Review.Delivery.PENDING, Review.Status.EXPIRED,
                before).stream().map(review -> review.id).toList());
        int delivered = 0;
        for (UUID id : ids) {
            Review review = decisions.deliver(id);
            if (review.delivery == Review.Delivery.PENDING) {
                break; // Step Functions still unreachable: the next run tries again
            }
            if (review.delivery == Review.Delivery.DELIVERED) {
                delivered++;
            }
        }
        return delivered;
    }
}
