package org.kycsuite.localcloud.rule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Pattern;
import org.kycsuite.localcloud.Arns;
import org.kycsuite.localcloud.bus.EventBuses;
import org.kycsuite.localcloud.edge.AwsServiceException;
import org.kycsuite.localcloud.edge.Json;
import org.kycsuite.localcloud.edge.Pages;
import org.kycsuite.localcloud.store.DocumentStore;
import software.amazon.event.ruler.GenericMachine;

/**
 * The rules of every bus with their targets, durable, and one event-ruler machine per bus holding
 * the enabled rules' patterns.
 *
 * <p>A rule's document is its DescribeRule shape plus a {@code Targets} member in the PutTargets
 * shape. Machines are rebuilt whole on every change: rules are few and change rarely, and a fresh
 * machine swapped in atomically never shows a half-applied change to concurrent PutEvents.
 */
public final class Rules {

    private static final String KIND = "rule";
    private static final String TARGETS = "Targets";
    private static final Pattern NAME = Pattern.compile("[\\.\\-_A-Za-z0-9]{1,64}");
    private static final int MAX_RULES_PER_BUS = 300;
    private static final int MAX_TARGETS_PER_RULE = 5;
    private static final int MAX_TARGETS_PER_CALL = 10;

    private final DocumentStore store;
    private final ObjectMapper mapper;
    private final Arns arns;
    private final EventBuses buses;
    private final Map<String, Map<String, ObjectNode>> rulesByBus = new ConcurrentHashMap<>();
    private final Map<String, GenericMachine<String>> machines = new ConcurrentHashMap<>();

    public Rules(DocumentStore store, ObjectMapper mapper, Arns arns, EventBuses buses) {
        this.store = store;
        this.mapper = mapper;
        this.arns = arns;
        this.buses = buses;
        store.all(KIND).values().forEach(rule -> rulesOf(rule.get("EventBusName").asText())
                .put(rule.get("Name").asText(), rule));
        rulesByBus.keySet().forEach(this::rebuildMachine);
    }

    public synchronized JsonNode putRule(JsonNode request) {
        String name = Json.required(request, "Name");
        if (!NAME.matcher(name).matches()) {
            throw AwsServiceException.validation("Rule name " + name + " is not valid.");
        }
        String bus = buses.require(Json.optional(request, "EventBusName"));
        String pattern = Json.optional(request, "EventPattern");
        if (request.hasNonNull("ScheduleExpression")) {
            throw AwsServiceException.validation("ScheduleExpression is not supported by the local cloud; "
                    + "use an EventPattern.");
        }
        if (pattern == null) {
            throw AwsServiceException.validation("Parameter(s) EventPattern or ScheduleExpression must be specified.");
        }
        EventPatterns.validate(pattern);
        Map<String, ObjectNode> rules = rulesOf(bus);
        ObjectNode existing = rules.get(name);
        if (existing == null && rules.size() >= MAX_RULES_PER_BUS) {
            throw new AwsServiceException(400, "LimitExceededException", "The requested resource exceeds the "
                    + "maximum number allowed: " + MAX_RULES_PER_BUS + " rules per event bus.");
        }
        String state = request.path("State").asText("ENABLED");
        if (!"ENABLED".equals(state) && !"DISABLED".equals(state)) {
            throw AwsServiceException.validation("State must be ENABLED or DISABLED.");
        }
        ObjectNode rule = mapper.createObjectNode().put("Name", name).put("Arn", arns.rule(bus, name))
                .put("EventPattern", pattern).put("State", state);
        copyIfPresent(request, rule, "Description");
        copyIfPresent(request, rule, "RoleArn");
        rule.put("EventBusName", bus).put("CreatedBy", arns.accountId());
        rule.set(TARGETS, existing == null ? mapper.createArrayNode() : existing.get(TARGETS).deepCopy());
        save(bus, rule);
        return mapper.createObjectNode().put("RuleArn", rule.get("Arn").asText());
    }

    public JsonNode describeRule(JsonNode request) {
        ObjectNode rule = require(request, "Name").deepCopy();
        rule.remove(TARGETS);
        return rule;
    }

    public JsonNode listRules(JsonNode request) {
        String bus = buses.require(Json.optional(request, "EventBusName"));
        String prefix = request.path("NamePrefix").asText("");
        List<ObjectNode> matching = new ArrayList<>();
        for (ObjectNode rule : rulesOf(bus).values()) {
            if (rule.get("Name").asText().startsWith(prefix)) {
                ObjectNode copy = rule.deepCopy();
                copy.remove(TARGETS);
                matching.add(copy);
            }
        }
        ObjectNode response = mapper.createObjectNode();
        Pages.page(request, matching, response, "Rules");
        return response;
    }

    public synchronized void setState(JsonNode request, String state) {
        ObjectNode rule = require(request, "Name").deepCopy();
        rule.put("State", state);
        save(rule.get("EventBusName").asText(), rule);
    }

    /** AWS refuses to delete a rule that still has targets. */
    public synchronized void deleteRule(JsonNode request) {
        String bus = buses.require(Json.optional(request, "EventBusName"));
        String name = Json.required(request, "Name");
        ObjectNode rule = rulesOf(bus).get(name);
        if (rule == null) {
            return;
        }
        if (!rule.get(TARGETS).isEmpty()) {
            throw AwsServiceException.validation("Rule can't be deleted since it has targets.");
        }
        remove(bus, name);
    }

    /** Removes every rule of a bus that is being deleted. */
    public synchronized void deleteAllOn(String bus) {
        new ArrayList<>(rulesOf(bus).keySet()).forEach(name -> remove(bus, name));
        rulesByBus.remove(bus);
        machines.remove(bus);
    }

    public synchronized JsonNode putTargets(JsonNode request) {
        ObjectNode rule = require(request, "Rule").deepCopy();
        JsonNode targets = request.path(TARGETS);
        if (!targets.isArray() || targets.isEmpty() || targets.size() > MAX_TARGETS_PER_CALL) {
            throw AwsServiceException.validation("Targets must contain 1 to " + MAX_TARGETS_PER_CALL + " entries.");
        }
        ArrayNode current = (ArrayNode) rule.get(TARGETS);
        ObjectNode response = mapper.createObjectNode();
        ArrayNode failed = response.putArray("FailedEntries");
        for (JsonNode target : targets) {
            String problem = TargetValidation.problem(target);
            if (problem != null) {
                failed.addObject().put("TargetId", target.path("Id").asText())
                        .put("ErrorCode", "ValidationException").put("ErrorMessage", problem);
                continue;
            }
            int index = indexOf(current, target.get("Id").asText());
            if (index >= 0) {
                current.set(index, target.deepCopy());
            } else if (current.size() >= MAX_TARGETS_PER_RULE) {
                throw new AwsServiceException(400, "LimitExceededException", "The requested resource exceeds "
                        + "the maximum number allowed: " + MAX_TARGETS_PER_RULE + " targets per rule.");
            } else {
                current.add(target.deepCopy());
            }
        }
        save(rule.get("EventBusName").asText(), rule);
        response.put("FailedEntryCount", failed.size());
        return response;
    }

    public synchronized JsonNode removeTargets(JsonNode request) {
        ObjectNode rule = require(request, "Rule").deepCopy();
        ArrayNode current = (ArrayNode) rule.get(TARGETS);
        ObjectNode response = mapper.createObjectNode();
        ArrayNode failed = response.putArray("FailedEntries");
        for (JsonNode id : request.path("Ids")) {
            int index = indexOf(current, id.asText());
            if (index >= 0) {
                current.remove(index);
            } else {
                failed.addObject().put("TargetId", id.asText()).put("ErrorCode", "ResourceNotFoundException")
                        .put("ErrorMessage", "Target " + id.asText() + " does not exist on rule "
                                + rule.get("Name").asText() + ".");
            }
        }
        save(rule.get("EventBusName").asText(), rule);
        response.put("FailedEntryCount", failed.size());
        return response;
    }

    public JsonNode listTargetsByRule(JsonNode request) {
        ObjectNode rule = require(request, "Rule");
        List<JsonNode> targets = new ArrayList<>();
        rule.get(TARGETS).forEach(targets::add);
        ObjectNode response = mapper.createObjectNode();
        Pages.page(request, targets, response, TARGETS);
        return response;
    }

    /**
     * The enabled rules of {@code bus} whose pattern matches {@code event}, in name order.
     *
     * @param onlyArns when not empty, only rules with these ARNs (a replay's FilterArns)
     */
    public List<MatchedRule> matching(String bus, String event, Collection<String> onlyArns) {
        GenericMachine<String> machine = machines.get(bus);
        if (machine == null) {
            return List.of();
        }
        Set<String> names;
        try {
            names = new LinkedHashSet<>(machine.rulesForJSONEvent(event));
        } catch (Exception e) {
            throw new IllegalArgumentException("Event is not valid JSON", e);
        }
        List<MatchedRule> matched = new ArrayList<>();
        Map<String, ObjectNode> rules = rulesOf(bus);
        names.stream().sorted().forEach(name -> {
            ObjectNode rule = rules.get(name);
            if (rule != null && (onlyArns.isEmpty() || onlyArns.contains(rule.get("Arn").asText()))) {
                List<ObjectNode> targets = new ArrayList<>();
                rule.get(TARGETS).forEach(target -> targets.add((ObjectNode) target));
                matched.add(new MatchedRule(name, rule.get("Arn").asText(), targets));
            }
        });
        return matched;
    }

    private ObjectNode require(JsonNode request, String nameMember) {
        String bus = buses.require(Json.optional(request, "EventBusName"));
        String name = Json.required(request, nameMember);
        ObjectNode rule = rulesOf(bus).get(name);
        if (rule == null) {
            throw AwsServiceException.notFound("Rule " + name + " does not exist on EventBus " + bus + ".");
        }
        return rule;
    }

    private Map<String, ObjectNode> rulesOf(String bus) {
        return rulesByBus.computeIfAbsent(bus, ignored -> new ConcurrentSkipListMap<>());
    }

    private void save(String bus, ObjectNode rule) {
        String name = rule.get("Name").asText();
        store.put(KIND, bus + "/" + name, rule);
        rulesOf(bus).put(name, rule);
        rebuildMachine(bus);
    }

    private void remove(String bus, String name) {
        store.delete(KIND, bus + "/" + name);
        rulesOf(bus).remove(name);
        rebuildMachine(bus);
    }

    private void rebuildMachine(String bus) {
        GenericMachine<String> machine = new GenericMachine<>();
        for (ObjectNode rule : rulesOf(bus).values()) {
            if ("ENABLED".equals(rule.get("State").asText())) {
                try {
                    machine.addRule(rule.get("Name").asText(), rule.get("EventPattern").asText());
                } catch (IOException e) {
                    throw EventPatterns.invalid(e.getMessage());
                }
            }
        }
        machines.put(bus, machine);
    }

    private static int indexOf(ArrayNode targets, String id) {
        for (int i = 0; i < targets.size(); i++) {
            if (id.equals(targets.get(i).path("Id").asText())) {
                return i;
            }
        }
        return -1;
    }

    private static void copyIfPresent(JsonNode from, ObjectNode to, String member) {
        if (from.hasNonNull(member)) {
            to.put(member, from.get(member).asText());
        }
    }
}
