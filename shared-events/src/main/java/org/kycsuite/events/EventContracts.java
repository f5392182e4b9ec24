package org.kycsuite.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validation and (de)serialisation of event details against the catalog's JSON Schemas.
 *
 * <p>Producers call {@link #toValidatedJson(EventDetail)} (or {@link #validate}) before sending, so a
 * broken detail fails at its producer instead of at every consumer. Schemas are compiled once; the
 * class is thread-safe.
 */
public final class EventContracts {

    /** Base of every schema's {@code $id}; mapped to the classpath so validation never goes online. */
    public static final String SCHEMA_BASE_URI = "https://schemas.kycsuite.org/events/";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private static final Map<EventContract, JsonSchema> SCHEMAS = compileSchemas();

    private EventContracts() {
    }

    /**
     * The suite's JSON mapping: ISO-8601 dates and instants, absent (not null) optional fields,
     * unknown fields ignored so a consumer tolerates fields added by a newer producer.
     */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Every violation of {@code detailType}'s schema in {@code detailJson}; empty when it is valid. */
    public static List<ContractViolation> validate(String detailType, String detailJson) {
        JsonNode node;
        try {
            node = MAPPER.readTree(detailJson);
        } catch (JsonProcessingException e) {
            return List.of(new ContractViolation("", "not JSON: " + e.getOriginalMessage()));
        }
        return validate(detailType, node);
    }

    /** Every violation of {@code detailType}'s schema in {@code detail}; empty when it is valid. */
    public static List<ContractViolation> validate(String detailType, JsonNode detail) {
        EventContract contract = EventContract.forDetailType(detailType).orElse(null);
        if (contract == null) {
            return List.of(new ContractViolation("", "unknown detail-type \"" + detailType + "\""));
        }
        Set<ValidationMessage> messages = SCHEMAS.get(contract).validate(detail);
        return messages.stream()
                .map(EventContracts::toViolation)
                .sorted(Comparator.comparing(ContractViolation::pointer).thenComparing(ContractViolation::message))
                .toList();
    }

    /** Serialises a detail and checks it against its schema: what a producer sends. */
    public static String toValidatedJson(EventDetail detail) {
        EventContract contract = EventContract.forDetail(detail);
        JsonNode node = MAPPER.valueToTree(detail);
        List<ContractViolation> violations = validate(contract.detailType(), node);
        if (!violations.isEmpty()) {
            throw new ContractViolationException(contract.detailType(), violations);
        }
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a known detail type's detail into its record. */
    public static EventDetail readDetail(EventContract contract, JsonNode detail) {
        try {
            return MAPPER.treeToValue(detail, contract.detailClass());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("\"" + contract.detailType() + "\" detail cannot be read: "
                    + e.getOriginalMessage(), e);
        }
    }

    private static ContractViolation toViolation(ValidationMessage message) {
        String pointer = message.getInstanceLocation().toString();
        if ("required".equals(message.getType()) && message.getProperty() != null) {
            pointer = pointer + "/" + message.getProperty();
        }
        return new ContractViolation(pointer, message.getMessage());
    }

    private static Map<EventContract, JsonSchema> compileSchemas() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(SCHEMA_BASE_URI,
                        "classpath:org/kycsuite/events/schemas/")));
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .formatAssertionsEnabled(true)
                .build();
        Map<EventContract, JsonSchema> schemas = new EnumMap<>(EventContract.class);
        for (EventContract contract : EventContract.values()) {
            JsonSchema schema = factory.getSchema(
                    SchemaLocation.of(SCHEMA_BASE_URI + contract.fileName() + ".schema.json"), config);
            schema.initializeValidators();
            schemas.put(contract, schema);
        }
        return schemas;
    }
}
