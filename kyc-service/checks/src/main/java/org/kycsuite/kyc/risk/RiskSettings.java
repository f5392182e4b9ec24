package org.kycsuite.kyc.risk;

import org.kycsuite.events.RiskLevel;

/**
 * The risk bands: LOW below {@code mediumFrom}, MEDIUM up to {@code highFrom - 1}, HIGH from {@code highFrom}.
 */
public record RiskSettings(int mediumFrom, int highFrom) {

    public static final RiskSettings DEFAULTS = new RiskSettings(30, 60);

    public RiskSettings {
        if (mediumFrom <= 0 || highFrom <= mediumFrom) {
            throw new IllegalArgumentException("Need 0 < medium threshold < high threshold, got " + mediumFrom
                    + " and " + highFrom);
        }
    }

    public RiskLevel level(int score) {
        if (score >= highFrom) {
            return RiskLevel.HIGH;
        }
        return score >= mediumFrom ? RiskLevel.MEDIUM : RiskLevel.LOW;
    }

    /** "30-59" style text of a band, for reasons. */
    public String band(RiskLevel level) {
        return switch (level) {
            case LOW -> "0-" + (mediumFrom - 1);
            case MEDIUM -> mediumFrom + "-" + (highFrom - 1);
            case HIGH -> ">= " + highFrom;
        };
    }
}
