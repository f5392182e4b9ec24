package org.kycsuite.customerservice.cases;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.kycsuite.customerservice.timeline.StoredDetails;
import org.kycsuite.customerservice.timeline.TimelineEntry;
import org.kycsuite.events.EventDetail;
import org.kycsuite.events.ManualReviewRequested;
import org.kycsuite.events.NewAccountRequested;

/**
 * Keeps {@link CaseFile} in step with the timeline. It recomputes the case from every event of the
 * application instead of applying the new one, so arrival order and redelivery cannot change the result.
 */
@ApplicationScoped
public class CaseProjection {

    @Transactional(Transactional.TxType.MANDATORY)
    public void refresh(String applicationId) {
        List<TimelineEntry> entries = TimelineEntry.forApplication(applicationId);
        if (entries.isEmpty()) {
            return;
        }
        CaseFile file = CaseFile.findById(applicationId);
        if (file == null) {
            file = new CaseFile();
            file.applicationId = applicationId;
        }
        file.status = status(entries);
        file.updatedAt = entries.stream().map(e -> e.eventTime).max(Comparator.naturalOrder()).orElseThrow();
        file.submittedAt = entries.stream().map(e -> e.eventTime).min(Comparator.naturalOrder()).orElseThrow();
        List<EventDetail> details = entries.stream().map(StoredDetails::read).flatMap(Optional::stream).toList();
        Optional<NewAccountRequested> request = details.stream().filter(NewAccountRequested.class::isInstance)
                .map(NewAccountRequested.class::cast).findFirst();
        if (request.isPresent()) {
            NewAccountRequested r = request.get();
            file.applicantName = r.applicant().fullName();
            file.email = r.applicant().email() == null ? null : r.applicant().email().toLowerCase(Locale.ROOT);
            if (r.requestedAt() != null) {
                file.submittedAt = r.requestedAt();
            }
        } else {
            file.applicantName = details.stream().filter(ManualReviewRequested.class::isInstance)
                    .map(d -> ((ManualReviewRequested) d).applicantName()).findFirst().orElse(null);
        }
        file.searchName = NameSearch.fold(file.applicantName);
        file.persist();
    }

    /** The highest-ranked status any event implies; among equal ranks, the latest event's. */
    static CaseStatus status(List<TimelineEntry> entries) {
        CaseStatus best = CaseStatus.SUBMITTED;
        Instant bestTime = Instant.MIN;
        for (TimelineEntry entry : entries) {
            if (!entry.known) {
                continue;
            }
            Optional<CaseStatus> implied = CaseStatus.impliedBy(entry.detailType);
            if (implied.isEmpty()) {
                continue;
            }
            CaseStatus status = implied.get();
            if (status.rank() > best.rank() || status.rank() == best.rank() && entry.eventTime.isAfter(bestTime)) {
                best = status;
                bestTime = entry.eventTime;
            }
        }
        return best;
    }
}
