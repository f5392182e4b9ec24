package org.kycsuite.customerservice.cases;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The searchable summary of one application's case, always recomputed from its timeline. */
@Entity
@Table(name = "case_file")
public class CaseFile extends PanacheEntityBase {

    @Id
    @Column(name = "application_id")
    public String applicationId;

    @Enumerated(EnumType.STRING)
    public CaseStatus status;

    @Column(name = "applicant_name")
    public String applicantName;

    /** The name lower-cased and without accents, for accent- and case-insensitive search. */
    @Column(name = "search_name")
    public String searchName;

    /** Lower-cased, for search only; shown masked. */
    public String email;

    @Column(name = "submitted_at")
    public Instant submittedAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
