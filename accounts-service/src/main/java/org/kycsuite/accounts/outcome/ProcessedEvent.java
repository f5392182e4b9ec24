package org.kycsuite.accounts.outcome;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An EventBridge event already handled; recorded in the same transaction as its effect. */
@Entity
@Table(name = "processed_events")
public class ProcessedEvent extends PanacheEntityBase {

    @Id
    @Column(name = "event_id")
    public String eventId;

    @Column(name = "detail_type", nullable = false)
    public String detailType;

    @Column(name = "application_id")
    public UUID applicationId;

    @Column(name = "processed_at", nullable = false)
    public Instant processedAt;
}
