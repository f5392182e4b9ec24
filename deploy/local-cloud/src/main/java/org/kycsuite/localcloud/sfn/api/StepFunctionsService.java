package org.kycsuite.localcloud.sfn.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.kycsuite.localcloud.edge.AwsJsonService;
import org.kycsuite.localcloud.edge.AwsServiceException;
import org.kycsuite.localcloud.edge.Json;
import org.kycsuite.localcloud.sfn.Executions;
import org.kycsuite.localcloud.sfn.StateMachines;
import org.kycsuite.localcloud.sfn.TaskTokens;
import org.kycsuite.localcloud.sfn.asl.DefinitionValidator;
import org.kycsuite.localcloud.sfn.store.ExecutionRecord;
import org.kycsuite.localcloud.sfn.store.SfnStore;

/** The Step Functions API on the edge: AWS JSON 1.0, {@code X-Amz-Target: AWSStepFunctions.<Op>}. */
public final class StepFunctionsService implements AwsJsonService {

    private final ObjectMapper mapper;
    private final StateMachines stateMachines;
    private final Executions executions;
    private final SfnStore store;
    private final TaskTokens tokens;

    public StepFunctionsService(ObjectMapper mapper, StateMachines stateMachines, Executions executions,
                                SfnStore store, TaskTokens tokens) {
        this.mapper = mapper;
        this.stateMachines = stateMachines;
        this.executions = executions;
        this.store = store;
        this.tokens = tokens;
    }

    @Override
    public String targetPrefix() {
        return "AWSStepFunctions";
    }

    @Override
    public String contentType() {
        return "application/x-amz-json-1.0";
    }

    @Override
    public JsonNode handle(String operation, JsonNode request) {
        return switch (operation) {
            case "CreateStateMachine" -> create(request);
            case "DescribeStateMachine" -> describeMachine(stateMachines.require(Json.required(request,
                    "stateMachineArn")));
            case "UpdateStateMachine" -> update(request);
            case "DeleteStateMachine" -> {
                stateMachines.delete(Json.required(request, "stateMachineArn"));
                yield mapper.createObjectNode();
            }
            case "ListStateMachines" -> listMachines(request);
            case "ValidateStateMachineDefinition" -> validate(request);
            case "StartExecution" -> start(request);
            case "DescribeExecution" -> describeExecution(execution(request));
            case "DescribeStateMachineForExecution" -> machineForExecution(execution(request));
            case "ListExecutions" -> ExecutionPages.list(mapper, store, stateMachines, request);
            case "StopExecution" -> stop(request);
            case "GetExecutionHistory" -> ExecutionPages.history(mapper, store, execution(request), request);
            case "SendTaskSuccess" -> {
                tokens.sendSuccess(Json.required(request, "taskToken"), Json.required(request, "output"));
                yield mapper.createObjectNode();
            }
            case "SendTaskFailure" -> {
                tokens.sendFailure(Json.required(request, "taskToken"), Json.optional(request, "error"),
                        Json.optional(request, "cause"));
                yield mapper.createObjectNode();
            }
            case "SendTaskHeartbeat" -> {
                tokens.sendHeartbeat(Json.required(request, "taskToken"));
                yield mapper.createObjectNode();
            }
            case "TagResource", "UntagResource" -> mapper.createObjectNode();
            case "ListTagsForResource" -> {
                ObjectNode out = mapper.createObjectNode();
                out.putArray("tags");
                yield out;
            }
            default -> throw AwsServiceException.unknownOperation(operation);
        };
    }

    private JsonNode create(JsonNode request) {
        ObjectNode machine = stateMachines.create(Json.required(request, "name"), Json.required(request, "definition"),
                Json.required(request, "roleArn"), Json.optional(request, "type"));
        ObjectNode out = mapper.createObjectNode().put("stateMachineArn", machine.path("stateMachineArn").asText());
        out.set("creationDate", machine.get("creationDate"));
        return out;
    }

    private JsonNode update(JsonNode request) {
        String arn = Json.required(request, "stateMachineArn");
        String definition = Json.optional(request, "definition");
        String roleArn = Json.optional(request, "roleArn");
        if (definition == null && roleArn == null && !request.has("loggingConfiguration")) {
            throw new AwsServiceException(400, "MissingRequiredParameter", "Either the definition, the role ARN, the "
                    + "LoggingConfiguration, or the TracingConfiguration must be specified");
        }
        ObjectNode machine = stateMachines.update(arn, definition, roleArn);
        ObjectNode out = mapper.createObjectNode();
        out.set("updateDate", machine.get("updateDate"));
        out.put("revisionId", String.valueOf(machine.path("definition").asText().hashCode()));
        return out;
    }

    private JsonNode describeMachine(ObjectNode machine) {
        ObjectNode out = mapper.createObjectNode();
        for (String field : List.of("stateMachineArn", "name", "status", "definition", "roleArn", "type",
                "creationDate")) {
            out.set(field, machine.get(field));
        }
        out.putObject("loggingConfiguration").put("level", "OFF").put("includeExecutionData", false);
        out.putObject("tracingConfiguration").put("enabled", false);
        return out;
    }

    private JsonNode listMachines(JsonNode request) {
        List<ObjectNode> all = stateMachines.all();
        int offset = ExecutionPages.offset(request);
        int size = ExecutionPages.pageSize(request, 100, 1000);
        ObjectNode out = mapper.createObjectNode();
        ArrayNode items = out.putArray("stateMachines");
        for (ObjectNode machine : all.subList(Math.min(offset, all.size()), Math.min(offset + size, all.size()))) {
            items.addObject().put("stateMachineArn", machine.path("stateMachineArn").asText())
                    .put("name", machine.path("name").asText()).put("type", machine.path("type").asText())
                    .set("creationDate", machine.get("creationDate"));
        }
        if (offset + size < all.size()) {
            out.put("nextToken", ExecutionPages.token(offset + size));
        }
        return out;
    }

    private JsonNode validate(JsonNode request) {
        List<DefinitionValidator.Diagnostic> problems = stateMachines.validator()
                .validate(Json.required(request, "definition"));
        ObjectNode out = mapper.createObjectNode().put("result", problems.isEmpty() ? "OK" : "FAIL");
        ArrayNode diagnostics = out.putArray("diagnostics");
        problems.forEach(problem -> diagnostics.addObject().put("severity", "ERROR").put("code", problem.code())
                .put("message", problem.message()).put("location", problem.location()));
        out.put("truncated", false);
        return out;
    }

    private JsonNode start(JsonNode request) {
        ExecutionRecord record = executions.start(Json.required(request, "stateMachineArn"),
                Json.optional(request, "name"), Json.optional(request, "input"));
        ObjectNode out = mapper.createObjectNode().put("executionArn", record.arn());
        out.set("startDate", seconds(record.startMillis()));
        return out;
    }

    private JsonNode stop(JsonNode request) {
        long stopped = executions.stop(execution(request).arn(), Json.optional(request, "error"),
                Json.optional(request, "cause"));
        ObjectNode out = mapper.createObjectNode();
        out.set("stopDate", seconds(stopped));
        return out;
    }

    private ExecutionRecord execution(JsonNode request) {
        String arn = Json.required(request, "executionArn");
        if (!arn.startsWith("arn:aws:states:") || !arn.contains(":execution:")) {
            throw new AwsServiceException(400, "InvalidArn", "Invalid Arn: '" + arn + "'");
        }
        return store.find(arn).orElseThrow(() -> new AwsServiceException(400, "ExecutionDoesNotExist",
                "Execution Does Not Exist: '" + arn + "'"));
    }

    private JsonNode describeExecution(ExecutionRecord record) {
        ObjectNode out = ExecutionPages.summary(mapper, record);
        ObjectNode doc = record.doc();
        out.put("input", doc.path("input").asText());
        out.putObject("inputDetails").put("included", true);
        if (doc.has("output")) {
            out.put("output", doc.path("output").asText());
            out.putObject("outputDetails").put("included", true);
        }
        if (doc.has("error")) {
            out.put("error", doc.path("error").asText());
        }
        if (doc.has("cause")) {
            out.put("cause", doc.path("cause").asText());
        }
        return out;
    }

    private JsonNode machineForExecution(ExecutionRecord record) {
        ObjectNode out = mapper.createObjectNode().put("stateMachineArn", record.stateMachineArn())
                .put("name", record.doc().path("stateMachineName").asText())
                .put("definition", record.doc().path("definition").asText())
                .put("roleArn", record.doc().path("roleArn").asText());
        out.set("updateDate", seconds(record.startMillis()));
        return out;
    }

    private JsonNode seconds(long millis) {
        return mapper.getNodeFactory().numberNode(Json.epochSeconds(Instant.ofEpochMilli(millis)));
    }
}
