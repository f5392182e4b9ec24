package org.kycsuite.localcloud.edge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** List pagination as the EventBridge API does it: {@code Limit} and an opaque {@code NextToken}. */
public final class Pages {

    private static final int MAX_LIMIT = 100;

    private Pages() {
    }

    /** Writes one page of {@code items} into {@code response[member]}, plus NextToken when more remain. */
    public static <T extends JsonNode> void page(JsonNode request, List<T> items, ObjectNode response,
                                                 String member) {
        int limit = request.path("Limit").asInt(MAX_LIMIT);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw AwsServiceException.validation("Limit must be between 1 and " + MAX_LIMIT);
        }
        int from = 0;
        String token = request.path("NextToken").asText("");
        if (!token.isEmpty()) {
            try {
                from = Integer.parseInt(token);
            } catch (NumberFormatException e) {
                throw AwsServiceException.validation("The NextToken is not valid");
            }
        }
        ArrayNode page = response.putArray(member);
        int to = Math.min(items.size(), from + limit);
        for (int i = from; i < to; i++) {
            page.add(items.get(i));
        }
        if (to < items.size()) {
            response.put("NextToken", Integer.toString(to));
        }
    }
}
