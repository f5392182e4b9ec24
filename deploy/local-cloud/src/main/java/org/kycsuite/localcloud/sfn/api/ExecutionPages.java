package org.kycsuite.localcloud.sfn.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.kycsuite.localcloud.edge.AwsServiceException;
import org.kycsuite.localcloud.edge.Json;
import org.kycsuite.localcloud.sfn.StateMachines;
import org.kycsuite.localcloud.sfn.store.ExecutionRecord;
import org.kycsuite.localcloud.sfn.store.SfnStore;

/** ListExecutions and GetExecutionHistory with AWS's paging ({@code maxResults}, opaque {@code nextToken}). */
final class ExecutionPages {

    private static final Set<String> STATUSES = Set.of("RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED",
            "PENDING_REDRIVE");
    private static final String TOKEN_PREFIX = "page:";

    private ExecutionPages() {
    }

    static JsonNode list(ObjectMapper mapper, SfnStore store, StateMachines machines, JsonNode request) {
        String machineArn = Json.required(request, "stateMachineArn");
        machines.require(machineArn);
        String status = Json.optional(request, "statusFilter");
        if (status != null && !STATUSES.contains(status)) {
            throw AwsServiceException.validation("1 validation error detected: Value '" + status + "' at "
                    + "'statusFilter' failed to satisfy constraint: Member must satisfy enum value set: " + STATUSES);
        }
        int offset = offset(request);
        int size = pageSize(request, 100, 1000);
        List<ExecutionRecord> page = store.list(machineArn, status, offset, size + 1);
        ObjectNode out = mapper.createObjectNode();
        ArrayNode items = out.putArray("executions");
        page.stream().limit(size).forEach(record -> items.add(summary(mapper, record)));
        if (page.size() > size) {
            out.put("nextToken", token(offset + size));
        }
        return out;
    }

    static JsonNode history(ObjectMapper mapper, SfnStore store, ExecutionRecord record, JsonNode request) {
        int offset = offset(request);
        int size = pageSize(request, 100, 1000);
        boolean reverse = request.path("reverseOrder").asBoolean(false);
        boolean includeData = !request.has("includeExecutionData") || request.get("includeExecutionData").asBoolean();
        List<ObjectNode> events = store.history(record.arn(), reverse, offset, size + 1);
        ObjectNode out = mapper.createObjectNode();
        ArrayNode items = out.putArray("events");
        events.stream().limit(size).forEach(event -> items.add(includeData ? event : withoutData(event)));
        if (events.size() > size) {
            out.put("nextToken", token(offset + size));
        }
        return out;
    }

    private static ObjectNode withoutData(ObjectNode event) {
        ObjectNode copy = event.deepCopy();
        copy.fields().forEachRemaining(field -> {
            if (field.getValue() instanceof ObjectNode details) {
                details.remove(List.of("input", "output"));
            }
        });
        return copy;
    }

    static ObjectNode summary(ObjectMapper mapper, ExecutionRecord record) {
        ObjectNode out = mapper.createObjectNode().put("executionArn", record.arn())
                .put("stateMachineArn", record.stateMachineArn()).put("name", record.name())
                .put("status", record.status());
        out.set("startDate", mapper.getNodeFactory().numberNode(Json.epochSeconds(
                Instant.ofEpochMilli(record.startMillis()))));
        if (record.stopMillis() != null) {
            out.set("stopDate", mapper.getNodeFactory().numberNode(Json.epochSeconds(
                    Instant.ofEpochMilli(record.stopMillis()))));
        }
        return out;
    }

    static int pageSize(JsonNode request, int defaultSize, int max) {
        int size = request.path("maxResults").asInt(0);
        if (size < 0 || size > max) {
            throw AwsServiceException.validation("1 validation error detected: Value '" + size + "' at 'maxResults' "
                    + "failed to satisfy constraint: Member must have value less than or equal to " + max);
        }
        return size == 0 ? defaultSize : size;
    }

    static int offset(JsonNode request) {
        String token = Json.optional(request, "nextToken");
        if (token == null) {
            return 0;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (!decoded.startsWith(TOKEN_PREFIX)) {
                throw new IllegalArgumentException(decoded);
            }
            return Integer.parseInt(decoded.substring(TOKEN_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new AwsServiceException(400, "InvalidToken", "Invalid Token: '" + token + "'");
        }
    }

    static String token(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((TOKEN_PREFIX + offset)
                .getBytes(StandardCharsets.UTF_8));
    }
}
