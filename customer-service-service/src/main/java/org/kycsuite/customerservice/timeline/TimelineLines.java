package org.kycsuite.customerservice.timeline;

import java.util.List;
import java.util.stream.Collectors;
import org.kycsuite.events.AccountOpened;
import org.kycsuite.events.CheckOutcome;
import org.kycsuite.events.DocumentNumber;
import org.kycsuite.events.EventDetail;
import org.kycsuite.events.IdentityCheckCompleted;
import org.kycsuite.events.ManualReviewRequested;
import org.kycsuite.events.NewAccountApproved;
import org.kycsuite.events.NewAccountRejected;
import org.kycsuite.events.NewAccountRequested;
import org.kycsuite.events.Reason;
import org.kycsuite.events.RiskLevel;

/**
 * The human-readable line of each event on a timeline, as agents may see it: no screening results and
 * no officer's note ({@link Disclosure}).
 */
public final class TimelineLines {

    static final String WORKFLOW = "KYC workflow";
    static final String ACCOUNTS = "Accounts service";
    private static final String AUTOMATIC = "automatic";

    private TimelineLines() {
    }

    public static TimelineLine describe(EventDetail detail) {
        if (detail instanceof NewAccountRequested d) {
            return new TimelineLine(staff(d.requestedBy()), "Application submitted for a " + d.product().type()
                    + " in " + d.product().currency() + (d.branch() == null ? "" : " at branch " + d.branch()));
        }
        if (detail instanceof IdentityCheckCompleted d) {
            return new TimelineLine(WORKFLOW, identity(d));
        }
        if (detail instanceof ManualReviewRequested d) {
            return new TimelineLine(WORKFLOW, "Sent to a compliance officer for manual review"
                    + risk(d.riskLevel(), d.riskScore()) + reasons(d.reasons()));
        }
        if (detail instanceof NewAccountApproved d) {
            return new TimelineLine(decider(d.decidedBy()), "Application approved"
                    + risk(d.riskLevel(), d.riskScore()));
        }
        if (detail instanceof NewAccountRejected d) {
            return new TimelineLine(decider(d.decidedBy()), "Application rejected"
                    + reasons(d.reasons()) + risk(d.riskLevel(), d.riskScore()));
        }
        AccountOpened d = (AccountOpened) detail;
        return new TimelineLine(ACCOUNTS, "Account " + maskAccount(d.accountNumber()) + " opened"
                + (d.currency() == null ? "" : " in " + d.currency()));
    }

    /** The line of an event this service does not interpret: shown, never dropped. */
    public static TimelineLine unknown(String detailType, String source, Integer schemaVersion) {
        return new TimelineLine(source, "Unknown event \"" + detailType + "\""
                + (schemaVersion == null ? "" : " (schema version " + schemaVersion + ")")
                + " from " + source + ": recorded, not interpreted");
    }

    /** Account numbers are identifying: only the last characters are shown. */
    public static String maskAccount(String accountNumber) {
        return DocumentNumber.mask(accountNumber);
    }

    private static String identity(IdentityCheckCompleted d) {
        StringBuilder line = new StringBuilder("Identity check completed: ").append(d.result());
        List<String> notPassed = Disclosure.checks(d.checks()).stream()
                .filter(c -> c.outcome() != CheckOutcome.PASSED)
                .map(c -> c.name() + " " + c.outcome() + (c.reason() == null ? "" : " (" + c.reason() + ")"))
                .toList();
        if (!notPassed.isEmpty()) {
            line.append("; ").append(String.join("; ", notPassed));
        }
        return line.toString();
    }

    private static String staff(String user) {
        return user == null ? "Bank staff" : "Bank staff member " + user;
    }

    private static String decider(String decidedBy) {
        if (decidedBy == null || AUTOMATIC.equals(decidedBy)) {
            return WORKFLOW + " (automatic)";
        }
        return "Compliance officer " + decidedBy;
    }

    private static String risk(RiskLevel level, Integer score) {
        if (level == null) {
            return "";
        }
        return ", risk " + level + (score == null ? "" : " (score " + score + ")");
    }

    private static String reasons(List<Reason> reasons) {
        if (reasons == null || reasons.isEmpty()) {
            return "";
        }
        return ": " + Disclosure.reasons(reasons).stream().map(r -> r.text() == null ? r.code() : r.text())
                .collect(Collectors.joining("; "));
    }
}
