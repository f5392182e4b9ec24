package org.kycsuite.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** An ISO 3166-1 alpha-2 country code; JSON is the bare code, e.g. {@code "GB"}. */
public record CountryCode(@JsonValue String value) {

    public CountryCode {
        IsoCodes.requireCountry(value);
    }

    @JsonCreator
    public static CountryCode of(String value) {
        return new CountryCode(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
