package org.kycsuite.customerservice.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.kycsuite.events.CheckOutcome;
import org.kycsuite.events.IdentityCheck;
import org.kycsuite.events.Reason;
import org.kycsuite.events.RiskFactor;
import org.kycsuite.events.RiskLevel;
import org.kycsuite.events.ScreeningMatch;

/**
 * One case as an agent sees it: masked applicant, status, timeline and the outcome's explanation.
 *
 * @param duplicates republished copies of events already on the timeline (same content under a new
 *                   event id, or a second outcome of the same kind), listed apart so the timeline shows each once
 */
public record CaseView(String applicationId, CaseStatus status, Instant submittedAt, Instant updatedAt,
                       Applicant applicant, List<Item> timeline, List<Duplicate> duplicates, Outcome outcome) {

    /** The applicant, masked; {@code null} until "New account requested" has arrived. */
    public record Applicant(String name, String email, String phone, String dateOfBirth, String nationality,
                            String countryOfResidence, Address address, Document document, String occupation,
                            boolean politicallyExposed) {
    }

    public record Address(String line1, String city, String postalCode, String country) {
    }

    /** The document's number is never held by this service, so it cannot be shown. */
    public record Document(String type, String issuingCountry, LocalDate expiryDate, String number) {
        public static final String NOT_HELD = "not held";
    }

    /** One line of the timeline: who did what, when. */
    public record Item(String eventId, String detailType, String source, Instant time, String actor,
                       String summary, boolean unknown) {
    }

    public record Duplicate(String eventId, String detailType, Instant time, String duplicateOf) {
    }

    /**
     * Why the case stands where it does.
     *
     * @param decision {@code APPROVED}, {@code REJECTED}, or {@code null} while undecided
     * @param decidedBy {@code automatic} or the reviewer's user id
     */
    public record Outcome(String decision, String decidedBy, Instant decidedAt, String note, List<Reason> reasons,
                          RiskLevel riskLevel, Integer riskScore, List<RiskFactor> factors,
                          List<ScreeningMatch> screeningMatches, IdentityResult identityCheck, Review review,
                          Account account) {
    }

    public record IdentityResult(CheckOutcome result, List<IdentityCheck> checksNotPassed, Instant checkedAt) {
    }

    public record Review(Instant requestedAt, RiskLevel riskLevel, Integer riskScore, List<Reason> reasons) {
    }

    /** The opened account; its number is masked. */
    public record Account(String accountNumber, String currency, Instant openedAt) {
    }
}
