package org.kycsuite.customerservice.cases;

import java.time.Instant;

/** One search hit. */
public record CaseSummary(String applicationId, String applicantName, CaseStatus status, Instant updatedAt) {

    static CaseSummary of(CaseFile file) {
        return new CaseSummary(file.applicationId, file.applicantName, file.status, file.updatedAt);
    }
}
