package org.kycsuite.localcloud.edge;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;

/** Reading AWS JSON protocol requests: required members and epoch-second timestamps. */
public final class Json {

    private Json() {
    }

    /** A required string member, or a ValidationException naming it as AWS does. */
    public static String required(JsonNode request, String member) {
        JsonNode value = request.get(member);
        if (value == null || value.isNull() || value.asText().isEmpty()) {
            throw AwsServiceException.validation("1 validation error detected: Value null at '" + lowerFirst(member)
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return value.asText();
    }

    /** An optional string member, or {@code null}. */
    public static String optional(JsonNode request, String member) {
        JsonNode value = request.get(member);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** AWS JSON timestamps are epoch seconds with a fraction. */
    public static Instant instant(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isTextual()) {
            return Instant.parse(value.asText());
        }
        BigDecimal seconds = value.decimalValue();
        long whole = seconds.longValue();
        int nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).intValue();
        return Instant.ofEpochSecond(whole, nanos);
    }

    /** An instant as AWS JSON epoch seconds. */
    public static BigDecimal epochSeconds(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli()).movePointLeft(3);
    }

    private static String lowerFirst(String member) {
        return Character.toLowerCase(member.charAt(0)) + member.substring(1);
    }
}
