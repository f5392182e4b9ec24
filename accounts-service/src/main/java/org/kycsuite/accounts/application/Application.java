package org.kycsuite.accounts.application;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * An account application and where it stands. The submitted data is kept as the exact
 * "New account requested" detail that was published, so what staff see is what KYC assessed.
 */
@Entity
@Table(name = "applications")
public class Application extends PanacheEntityBase {

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ApplicationStatus status;

    @Column(name = "given_name", nullable = false)
    public String givenName;

    @Column(name = "family_name", nullable = false)
    public String familyName;

    /** The "New account requested" detail as published (JSON). */
    @Column(name = "request_json", nullable = false, length = 8000)
    public String requestJson;

    @Column(name = "requested_by", nullable = false)
    public String requestedBy;

    public String branch;

    @Column(name = "idempotency_key")
    public String idempotencyKey;

    /** SHA-256 of the submitted body, to tell a retry from a different request under the same key. */
    @Column(name = "request_hash")
    public String requestHash;

    /** Rejection reasons as a JSON array of {code, text}. */
    @Column(name = "reasons_json", length = 8000)
    public String reasonsJson;

    @Column(name = "account_number")
    public String accountNumber;

    @Column(name = "submitted_at", nullable = false)
    public Instant submittedAt;

    @Column(name = "decided_at")
    public Instant decidedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    public static Optional<Application> findByIdempotencyKey(String requestedBy, String idempotencyKey) {
        return find("requestedBy = ?1 and idempotencyKey = ?2", requestedBy, idempotencyKey).firstResultOptional();
    }

    /** KYC approved the application; the account is opened next. */
    public void approve(Instant at) {
        requireStatus(ApplicationStatus.SUBMITTED);
        status = ApplicationStatus.APPROVED;
        decidedAt = at;
        updatedAt = at;
    }

    /** The approved application's account exists. */
    public void open(String iban, Instant at) {
        requireStatus(ApplicationStatus.APPROVED);
        status = ApplicationStatus.OPENED;
        accountNumber = iban;
        updatedAt = at;
    }

    /** KYC rejected the application for {@code reasons} (JSON array). */
    public void reject(String reasons, Instant at) {
        requireStatus(ApplicationStatus.SUBMITTED);
        status = ApplicationStatus.REJECTED;
        reasonsJson = reasons;
        decidedAt = at;
        updatedAt = at;
    }

    private void requireStatus(ApplicationStatus expected) {
        if (status != expected) {
            throw new IllegalStateException("Application " + id + " is " + status + ", not " + expected);
        }
    }
}
