package org.kycsuite.customerservice.timeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.kycsuite.events.IdentityCheck;
import org.kycsuite.events.Reason;
import org.kycsuite.events.RiskFactor;

/**
 * What customer-service agents may see of the compliance side of a case. Agents speak to applicants,
 * and telling one that their name matched a sanctions list, or that compliance is looking into them,
 * is tipping-off (e.g. UK POCA s.333A, EU AMLD art. 39). So agents never see sanctions/PEP screening
 * results — matches, screening checks, screening reasons or risk factors — nor compliance officers'
 * notes; a screening reason becomes one neutral {@value #COMPLIANCE_DECISION} reason, which tells them
 * the decision is compliance's to explain.
 */
public final class Disclosure {

    public static final String COMPLIANCE_DECISION = "COMPLIANCE_DECISION";
    static final Reason COMPLIANCE_REASON = new Reason(COMPLIANCE_DECISION,
            "Decided by the bank's compliance process; refer the applicant to the standard letter and do not "
                    + "discuss the reasons");

    private Disclosure() {
    }

    /** Whether a check, reason or factor code is about sanctions or PEP screening. */
    static boolean screening(String code) {
        if (code == null) {
            return false;
        }
        String upper = code.toUpperCase(Locale.ROOT);
        return upper.contains("SANCTION") || upper.contains("SCREENING") || upper.contains("WATCHLIST");
    }

    /** The reasons with every screening reason replaced by one neutral compliance reason. */
    public static List<Reason> reasons(List<Reason> reasons) {
        if (reasons == null) {
            return List.of();
        }
        List<Reason> shown = new ArrayList<>();
        for (Reason reason : reasons) {
            Reason visible = screening(reason.code()) ? COMPLIANCE_REASON : reason;
            if (!shown.contains(visible)) {
                shown.add(visible);
            }
        }
        return shown;
    }

    /** The risk factors without screening factors (a near match scores points). */
    public static List<RiskFactor> factors(List<RiskFactor> factors) {
        return factors == null ? List.of() : factors.stream().filter(f -> !screening(f.code())).toList();
    }

    /** The identity checks without the sanctions/PEP screening check. */
    public static List<IdentityCheck> checks(List<IdentityCheck> checks) {
        return checks == null ? List.of() : checks.stream()
                .filter(c -> !screening(c.name()) && !screening(c.reasonCode())).toList();
    }
}
