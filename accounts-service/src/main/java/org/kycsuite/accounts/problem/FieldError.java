package org.kycsuite.accounts.problem;

/**
 * One invalid field of a request.
 *
 * @param field dotted path of the field, e.g. {@code applicant.address.postalCode}
 * @param message why it is invalid
 */
public record FieldError(String field, String message) {
}
