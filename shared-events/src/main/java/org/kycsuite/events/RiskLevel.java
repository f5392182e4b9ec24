package org.kycsuite.events;

/** The risk band a score falls in; the thresholds are configuration of kyc-service. */
public enum RiskLevel { LOW, MEDIUM, HIGH }
