package org.kycsuite.events;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A postal address; {@code line2} is optional. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Address(String line1, String line2, String city, String postalCode, CountryCode country) {
}
