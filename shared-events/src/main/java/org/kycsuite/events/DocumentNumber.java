package org.kycsuite.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * An identity document number. {@link #toString()} is masked so the number cannot leak into a log
 * line or an exception message by accident; only {@link #value()} (and the event JSON) carries it.
 */
public record DocumentNumber(@JsonValue String value) {

    private static final int VISIBLE = 3;

    public DocumentNumber {
        Objects.requireNonNull(value, "value");
    }

    @JsonCreator
    public static DocumentNumber of(String value) {
        return new DocumentNumber(value);
    }

    /** The number with all but its last three characters replaced by {@code *}. */
    public String masked() {
        return mask(value);
    }

    /** Masks any identifying string the same way: all but the last three characters become {@code *}. */
    public static String mask(String raw) {
        if (raw == null) {
            return null;
        }
        int hidden = Math.max(raw.length() - VISIBLE, Math.min(raw.length(), VISIBLE));
        return "*".repeat(hidden) + raw.substring(hidden);
    }

    @Override
    public String toString() {
        return masked();
    }
}
