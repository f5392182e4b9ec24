package org.kycsuite.customerservice.cases;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.kycsuite.customerservice.timeline.Disclosure;
import org.kycsuite.customerservice.timeline.StoredDetails;
import org.kycsuite.customerservice.timeline.TimelineEntry;
import org.kycsuite.customerservice.timeline.TimelineLines;
import org.kycsuite.events.AccountOpened;
import org.kycsuite.events.CheckOutcome;
import org.kycsuite.events.EventDetail;
import org.kycsuite.events.EventTypes;
import org.kycsuite.events.IdentityCheckCompleted;
import org.kycsuite.events.ManualReviewRequested;
import org.kycsuite.events.NewAccountApproved;
import org.kycsuite.events.NewAccountRejected;
import org.kycsuite.events.NewAccountRequested;
import org.kycsuite.events.ScreeningMatch;

/** Builds an agent's view of a case from its timeline entries. */
final class CaseViews {

    /** A case has at most one of each: a republished one under a new event id is a duplicate even if it differs. */
    private static final Set<String> OUTCOMES = Set.of(EventTypes.NEW_ACCOUNT_APPROVED,
            EventTypes.NEW_ACCOUNT_REJECTED, EventTypes.ACCOUNT_OPENED);

    private static final Comparator<TimelineEntry> TIMELINE_ORDER = Comparator
            .comparing((TimelineEntry e) -> e.eventTime)
            .thenComparing(e -> CaseStatus.impliedBy(e.detailType).map(CaseStatus::rank).orElse(Integer.MAX_VALUE))
            // A republished copy usually carries the same time: the one stored first is the original.
            .thenComparing(e -> e.receivedAt)
            .thenComparing(e -> e.eventId);

    private CaseViews() {
    }

    static CaseView of(CaseFile file, List<TimelineEntry> entries) {
        List<TimelineEntry> ordered = new ArrayList<>(entries);
        ordered.sort(TIMELINE_ORDER);
        Map<String, String> firstByKey = new HashMap<>();
        List<CaseView.Item> timeline = new ArrayList<>();
        List<CaseView.Duplicate> duplicates = new ArrayList<>();
        Map<TimelineEntry, EventDetail> details = new LinkedHashMap<>();
        for (TimelineEntry entry : ordered) {
            if (entry.known) {
                String key = OUTCOMES.contains(entry.detailType) ? entry.detailType
                        : entry.detailType + "|" + entry.contentHash;
                String first = firstByKey.putIfAbsent(key, entry.eventId);
                if (first != null) {
                    duplicates.add(new CaseView.Duplicate(entry.eventId, entry.detailType, entry.eventTime, first));
                    continue;
                }
                StoredDetails.read(entry).ifPresent(d -> details.put(entry, d));
            }
            // the line is written again from the detail, so one stored by an older version shows no more
            EventDetail detail = details.get(entry);
            String summary = detail == null ? entry.summary : TimelineLines.describe(detail).summary();
            timeline.add(new CaseView.Item(entry.eventId, entry.detailType, entry.source, entry.eventTime,
                    entry.actor, summary, !entry.known));
        }
        List<EventDetail> kept = List.copyOf(details.values());
        return new CaseView(file.applicationId, file.status, file.submittedAt, file.updatedAt,
                applicant(kept), timeline, duplicates, outcome(kept));
    }

    private static CaseView.Applicant applicant(List<EventDetail> details) {
        return latest(details, NewAccountRequested.class).map(r -> {
            var a = r.applicant();
            CaseView.Address address = a.address() == null ? null : new CaseView.Address(
                    Masking.streetLine(a.address().line1()), a.address().city(),
                    Masking.postalCode(a.address().postalCode()), code(a.address().country()));
            CaseView.Document document = a.document() == null ? null : new CaseView.Document(
                    String.valueOf(a.document().type()), code(a.document().issuingCountry()),
                    a.document().expiryDate(), CaseView.Document.NOT_HELD);
            return new CaseView.Applicant(a.fullName(), Masking.email(a.email()), Masking.phone(a.phone()),
                    Masking.dateOfBirth(a.dateOfBirth()), code(a.nationality()), code(a.countryOfResidence()),
                    address, document, a.occupation(), a.politicallyExposed());
        }).orElse(null);
    }

    private static CaseView.Outcome outcome(List<EventDetail> details) {
        Optional<IdentityCheckCompleted> identity = latest(details, IdentityCheckCompleted.class);
        Optional<ManualReviewRequested> review = latest(details, ManualReviewRequested.class);
        Optional<NewAccountApproved> approved = latest(details, NewAccountApproved.class);
        Optional<NewAccountRejected> rejected = latest(details, NewAccountRejected.class);
        Optional<AccountOpened> opened = latest(details, AccountOpened.class);

        CaseView.IdentityResult identityResult = identity.map(i -> new CaseView.IdentityResult(i.result(),
                Disclosure.checks(i.checks()).stream().filter(c -> c.outcome() != CheckOutcome.PASSED).toList(),
                i.checkedAt())).orElse(null);
        CaseView.Review reviewView = review.map(r -> new CaseView.Review(r.requestedAt(), r.riskLevel(),
                r.riskScore(), Disclosure.reasons(r.reasons()))).orElse(null);
        CaseView.Account account = opened.map(o -> new CaseView.Account(TimelineLines.maskAccount(o.accountNumber()),
                o.currency(), o.openedAt())).orElse(null);
        // agents never see screening matches nor officers' notes (tipping-off, see Disclosure)
        List<ScreeningMatch> screening = List.of();

        if (rejected.isPresent() && (approved.isEmpty()
                || !orMin(rejected.get().decidedAt()).isBefore(orMin(approved.get().decidedAt())))) {
            NewAccountRejected r = rejected.get();
            return new CaseView.Outcome("REJECTED", r.decidedBy(), r.decidedAt(), null, Disclosure.reasons(r.reasons()),
                    r.riskLevel(), r.riskScore(), Disclosure.factors(r.factors()), screening, identityResult,
                    reviewView, account);
        }
        if (approved.isPresent()) {
            NewAccountApproved a = approved.get();
            return new CaseView.Outcome("APPROVED", a.decidedBy(), a.decidedAt(), null, List.of(),
                    a.riskLevel(), a.riskScore(), Disclosure.factors(a.factors()), screening, identityResult,
                    reviewView, account);
        }
        return new CaseView.Outcome(null, null, null, null,
                Disclosure.reasons(review.map(ManualReviewRequested::reasons).orElse(List.of())),
                review.map(ManualReviewRequested::riskLevel).orElse(null),
                review.map(ManualReviewRequested::riskScore).orElse(null),
                Disclosure.factors(review.map(ManualReviewRequested::factors).orElse(List.of())), screening,
                identityResult, reviewView, account);
    }

    private static <T extends EventDetail> Optional<T> latest(List<EventDetail> details, Class<T> type) {
        T found = null;
        for (EventDetail detail : details) {
            if (type.isInstance(detail)) {
                found = type.cast(detail);
            }
        }
        return Optional.ofNullable(found);
    }

    private static java.time.Instant orMin(java.time.Instant instant) {
        return instant == null ? java.time.Instant.MIN : instant;
    }

    private static String code(Object countryCode) {
        return countryCode == null ? null : countryCode.toString();
    }
}
