package org.kycsuite.kyc.review;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.kycsuite.events.RiskLevel;

/**
 * A manual review waiting for (or decided by) a compliance officer. The task token resumes the
 * workflow; it is kept only while the review is pending, and never leaves this entity.
 */
@Entity
@Table(name = "review")
public class Review extends PanacheEntityBase {

    /** Where a review stands. */
    public enum Status { PENDING, APPROVED, REJECTED, EXPIRED }

    /**
     * Whether the workflow took a recorded decision: PENDING (recorded, not yet taken; sent again
     * until Step Functions answers), DELIVERED, or REFUSED (the token was closed when it was sent
     * again: an earlier call may have been taken, or the review had timed out — the application's
     * outcome tells which; the officer's decision stays on record either way).
     */
    public enum Delivery { PENDING, DELIVERED, REFUSED }

    @Id
    public UUID id;

    @Column(name = "event_id", nullable = false, unique = true)
    public String eventId;

    @Column(name = "application_id", nullable = false)
    public UUID applicationId;

    @Column(name = "applicant_name", nullable = false)
    public String applicantName;

    @Enumerated(EnumType.STRING)
    @Column(name = "risk_level")
    public RiskLevel riskLevel;

    @Column(name = "risk_score")
    public Integer riskScore;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    /** JSON array of risk factors, as the event carried them. */
    @Column(nullable = false)
    public String factors;

    /** JSON array of reasons. */
    @Column(nullable = false)
    public String reasons;

    /** JSON array of screening matches. */
    @Column(name = "screening_matches", nullable = false)
    public String screeningMatches;

    @Column(name = "task_token")
    public String taskToken;

    @Column(name = "requested_at", nullable = false)
    public Instant requestedAt;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "decided_at")
    public Instant decidedAt;

    @Column(name = "decision_note")
    public String note;

    @Enumerated(EnumType.STRING)
    @Column(name = "delivery")
    public Delivery delivery;

    /** SendTaskSuccess calls made for the decision, counted before each call. */
    @Column(name = "delivery_attempts", nullable = false)
    public int deliveryAttempts;

    @Version
    public long version;

    /** Records the officer's decision; the token stays until the workflow has taken it. */
    void decide(Status decision, String officer, String decisionNote, Instant at) {
        status = decision;
        decidedBy = officer;
        decidedAt = at;
        note = decisionNote;
        delivery = Delivery.PENDING;
    }

    /** Step Functions took the decision: the token has done its job and is dropped. */
    void delivered() {
        delivery = Delivery.DELIVERED;
        taskToken = null;
    }

    /** Step Functions refused the token after an earlier call that may have been taken. */
    void refused() {
        delivery = Delivery.REFUSED;
        taskToken = null;
    }

    /**
     * The workflow no longer waits for this review (its token timed out or is unknown) and never got a
     * decision for it; an officer's decision that came too late stays on record (decidedBy, note).
     */
    void expire(Instant at) {
        if (delivery == null) {
            decidedAt = at;
        } else {
            delivery = Delivery.REFUSED;
        }
        status = Status.EXPIRED;
        taskToken = null;
    }

    @Override
    public String toString() {
        return "Review[id=" + id + ", applicationId=" + applicationId + ", status=" + status + "]";
    }
}
