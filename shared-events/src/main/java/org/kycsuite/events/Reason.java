package org.kycsuite.events;

/** A coded, human-readable reason, e.g. for a rejection or a review. */
public record Reason(String code, String text) {
}
