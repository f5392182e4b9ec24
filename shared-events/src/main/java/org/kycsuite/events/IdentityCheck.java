package org.kycsuite.events;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One individual identity check with its outcome and, unless it passed, why. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IdentityCheck(String name, CheckOutcome outcome, String reasonCode, String reason) {
}
