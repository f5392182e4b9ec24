package org.kycsuite.customerservice.timeline;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** One event as received, keyed by its EventBridge id; the detail is stored sanitised. */
@Entity
@Table(name = "timeline_entry")
public class TimelineEntry extends PanacheEntityBase {

    @Id
    @Column(name = "event_id")
    public String eventId;

    @Column(name = "application_id")
    public String applicationId;

    @Column(name = "detail_type")
    public String detailType;

    public String source;

    @Column(name = "event_time")
    public Instant eventTime;

    @Column(name = "received_at")
    public Instant receivedAt;

    @Column(name = "schema_version")
    public Integer schemaVersion;

    /** False for a detail type or schema version this service does not interpret. */
    public boolean known;

    /** SHA-256 of the sanitised detail in canonical form: finds republished copies under a new event id. */
    @Column(name = "content_hash")
    public String contentHash;

    public String actor;

    public String summary;

    public String detail;

    public static List<TimelineEntry> forApplication(String applicationId) {
        return list("applicationId = ?1 order by eventTime, eventId", applicationId);
    }
}
