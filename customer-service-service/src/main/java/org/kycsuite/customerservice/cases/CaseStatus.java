package org.kycsuite.customerservice.cases;

import java.util.Optional;
import org.kycsuite.events.EventTypes;

/**
 * Where a case stands. The rank orders statuses by meaning, so a late event never moves a case
 * backwards: the status is the highest-ranked one any event implies, whatever the arrival order.
 */
public enum CaseStatus {
    SUBMITTED(0), IDENTITY_CHECKED(1), IN_REVIEW(2), APPROVED(3), REJECTED(3), OPENED(4);

    private final int rank;

    CaseStatus(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }

    /** The status an event of {@code detailType} implies; empty for an event that implies none. */
    public static Optional<CaseStatus> impliedBy(String detailType) {
        return Optional.ofNullable(switch (detailType) {
            case EventTypes.NEW_ACCOUNT_REQUESTED -> SUBMITTED;
            case EventTypes.IDENTITY_CHECK_COMPLETED -> IDENTITY_CHECKED;
            case EventTypes.MANUAL_REVIEW_REQUESTED -> IN_REVIEW;
            case EventTypes.NEW_ACCOUNT_APPROVED -> APPROVED;
            case EventTypes.NEW_ACCOUNT_REJECTED -> REJECTED;
            case EventTypes.ACCOUNT_OPENED -> OPENED;
            default -> null;
        });
    }
}
