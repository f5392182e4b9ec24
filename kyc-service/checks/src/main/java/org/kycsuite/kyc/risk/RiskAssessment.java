package org.kycsuite.kyc.risk;

import java.util.List;
import org.kycsuite.events.RiskFactor;
import org.kycsuite.events.RiskLevel;

/** A risk score, its band and the factors that make it up. */
public record RiskAssessment(int score, RiskLevel level, List<RiskFactor> factors) {
}
