package org.kycsuite.kyc.review;

/** Body of {@code POST /reviews/{id}/decision}: {@code {"decision": "APPROVE"|"REJECT", "note": "…"}}. */
public record DecisionRequest(String decision, String note) {
}
