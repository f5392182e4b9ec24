package org.kycsuite.events;

/** One reason the risk score moved, with the points it added: what makes a score explainable. */
public record RiskFactor(String code, int points, String description) {
}
