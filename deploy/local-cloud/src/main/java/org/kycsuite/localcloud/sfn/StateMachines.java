package org.kycsuite.localcloud.sfn;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.kycsuite.localcloud.Arns;
import org.kycsuite.localcloud.edge.AwsServiceException;
import org.kycsuite.localcloud.edge.Json;
import org.kycsuite.localcloud.sfn.asl.DefinitionValidator;
import org.kycsuite.localcloud.store.DocumentStore;

/** State machine definitions, durable as documents and cached in memory. */
public final class StateMachines {

    static final String KIND = "sfn-state-machine";

    private final DocumentStore documents;
    private final ObjectMapper mapper;
    private final Arns arns;
    private final DefinitionValidator validator;
    private final Map<String, ObjectNode> byArn = new ConcurrentHashMap<>();

    public StateMachines(DocumentStore documents, ObjectMapper mapper, Arns arns) {
        this.documents = documents;
        this.mapper = mapper;
        this.arns = arns;
        this.validator = new DefinitionValidator(mapper);
        byArn.putAll(documents.all(KIND));
    }

    public DefinitionValidator validator() {
        return validator;
    }

    /** Throws InvalidDefinition naming the first problems, as CreateStateMachine does. */
    public void requireValid(String definition) {
        List<DefinitionValidator.Diagnostic> problems = validator.validate(definition);
        if (!problems.isEmpty()) {
            throw new AwsServiceException(400, "InvalidDefinition", "Invalid State Machine Definition: '"
                    + problems.stream().map(Object::toString).collect(Collectors.joining(", ")) + "'");
        }
    }

    /** CreateStateMachine; the same name with the same definition returns the existing one, as AWS does. */
    public synchronized ObjectNode create(String name, String definition, String roleArn, String type) {
        if (!name.matches("[A-Za-z0-9_-]{1,80}")) {
            throw new AwsServiceException(400, "InvalidName", "Invalid Name: '" + name + "'");
        }
        requireValid(definition);
        String arn = arns.stateMachine(name);
        ObjectNode existing = byArn.get(arn);
        if (existing != null) {
            if (existing.path("definition").asText().equals(definition)
                    && existing.path("roleArn").asText().equals(roleArn)) {
                return existing;
            }
            throw new AwsServiceException(400, "StateMachineAlreadyExists", "State Machine Already Exists: '"
                    + arn + "'");
        }
        ObjectNode doc = mapper.createObjectNode().put("stateMachineArn", arn).put("name", name)
                .put("status", "ACTIVE").put("definition", definition).put("roleArn", roleArn)
                .put("type", type == null ? "STANDARD" : type);
        doc.set("creationDate", mapper.getNodeFactory().numberNode(Json.epochSeconds(Instant.now())));
        store(arn, doc);
        return doc;
    }

    /** Creates or replaces (template provisioning at every start). */
    public synchronized ObjectNode put(String name, String definition, String roleArn) {
        requireValid(definition);
        String arn = arns.stateMachine(name);
        ObjectNode existing = byArn.get(arn);
        if (existing == null) {
            return create(name, definition, roleArn, "STANDARD");
        }
        ObjectNode doc = existing.deepCopy().put("definition", definition).put("roleArn", roleArn);
        store(arn, doc);
        return doc;
    }

    public synchronized ObjectNode update(String arn, String definition, String roleArn) {
        ObjectNode doc = require(arn).deepCopy();
        if (definition != null) {
            requireValid(definition);
            doc.put("definition", definition);
        }
        if (roleArn != null) {
            doc.put("roleArn", roleArn);
        }
        doc.set("updateDate", mapper.getNodeFactory().numberNode(Json.epochSeconds(Instant.now())));
        store(arn, doc);
        return doc;
    }

    public synchronized void delete(String arn) {
        if (byArn.remove(arn) != null) {
            documents.delete(KIND, arn);
        }
    }

    public Optional<ObjectNode> find(String arn) {
        return Optional.ofNullable(byArn.get(arn));
    }

    public ObjectNode require(String arn) {
        if (arn == null || !arn.startsWith("arn:aws:states:") || !arn.contains(":stateMachine:")) {
            throw new AwsServiceException(400, "InvalidArn", "Invalid Arn: '" + arn + "'");
        }
        ObjectNode doc = byArn.get(arn);
        if (doc == null) {
            throw new AwsServiceException(400, "StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arn
                    + "'");
        }
        return doc;
    }

    public List<ObjectNode> all() {
        List<ObjectNode> out = new ArrayList<>(byArn.values());
        out.sort((a, b) -> a.path("name").asText().compareTo(b.path("name").asText()));
        return out;
    }

    private void store(String arn, ObjectNode doc) {
        documents.put(KIND, arn, doc);
        byArn.put(arn, doc);
    }
}
