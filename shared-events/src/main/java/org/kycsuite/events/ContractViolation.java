package org.kycsuite.events;

/**
 * One way a detail breaks its JSON Schema.
 *
 * @param pointer JSON pointer (RFC 6901) to the offending value, e.g. {@code /applicant/email}
 * @param message what is wrong, from the validator
 */
public record ContractViolation(String pointer, String message) {
}
