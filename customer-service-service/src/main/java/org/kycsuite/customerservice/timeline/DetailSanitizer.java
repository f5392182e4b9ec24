package org.kycsuite.customerservice.timeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import org.kycsuite.events.EventContracts;

/**
 * Removes what this service must never hold before a detail is stored: identity document numbers
 * (agents do not need them) and the manual review's {@code taskToken} (whoever holds it can decide
 * the review). Both are removed wherever they appear, so a future detail type cannot smuggle them in.
 */
final class DetailSanitizer {

    private static final ObjectMapper CANONICAL = EventContracts.mapper().copy()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private DetailSanitizer() {
    }

    static ObjectNode sanitized(ObjectNode detail) {
        ObjectNode copy = detail.deepCopy();
        strip(copy, false);
        return copy;
    }

    /** A hash of the detail independent of field order: equal for a republished copy of the same event. */
    static String contentHash(String detailType, ObjectNode sanitizedDetail) {
        try {
            Object plain = CANONICAL.treeToValue(sanitizedDetail, Object.class);
            byte[] canonical = (detailType + "\n" + CANONICAL.writeValueAsString(plain))
                    .getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void strip(JsonNode node, boolean inDocument) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            object.remove("taskToken");
            if (inDocument) {
                object.remove("number");
            }
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                strip(field.getValue(), "document".equals(field.getKey()));
            }
        } else if (node.isArray()) {
            node.forEach(element -> strip(element, false));
        }
    }
}
