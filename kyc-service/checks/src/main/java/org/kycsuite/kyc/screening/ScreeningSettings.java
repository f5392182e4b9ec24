package org.kycsuite.kyc.screening;

/**
 * Screening thresholds.
 *
 * @param matchThreshold score at or above which a name is a hit: the identity check fails
 * @param reviewThreshold score at or above which a name is a near-match: a person reviews it
 * @param maxMatches how many matches (best first) travel in the event
 */
public record ScreeningSettings(double matchThreshold, double reviewThreshold, int maxMatches) {

    public static final ScreeningSettings DEFAULTS = new ScreeningSettings(0.97, 0.88, 10);

    public ScreeningSettings {
        if (reviewThreshold > matchThreshold || reviewThreshold <= 0 || matchThreshold > 1) {
            throw new IllegalArgumentException("Need 0 < review threshold <= match threshold <= 1, got "
                    + reviewThreshold + " and " + matchThreshold);
        }
    }
}
