package org.kycsuite.kyc.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.kycsuite.events.ContractViolation;
import org.kycsuite.events.ContractViolationException;
import org.kycsuite.events.EventContract;
import org.kycsuite.events.EventContracts;
import org.kycsuite.events.EventDetail;
import org.kycsuite.events.IdentityCheckCompleted;
import org.kycsuite.events.NewAccountRequested;

/** Reading handler payloads and writing schema-valid details into them. */
final class Payloads {

    /** Stands in for the task token the workflow adds, so a review detail can be checked against its schema. */
    private static final String TOKEN_PLACEHOLDER = "validation-only";

    private Payloads() {
    }

    static NewAccountRequested application(JsonNode payload) {
        JsonNode application = payload == null ? null : payload.get("application");
        if (application == null || !application.isObject()) {
            throw new InvalidPayloadException("Payload has no \"application\" object");
        }
        return read(application, NewAccountRequested.class, "application");
    }

    static IdentityCheckCompleted identity(JsonNode payload) {
        JsonNode identity = payload.get("identity");
        if (identity == null || identity.isNull()) {
            return null;
        }
        return read(identity, IdentityCheckCompleted.class, "identity");
    }

    /** The day rules are judged on: the payload's request time, else the application's, else today. */
    static LocalDate requestDate(JsonNode payload, NewAccountRequested application, Instant now) {
        JsonNode requestedAt = payload.get("requestedAt");
        Instant instant = now;
        if (requestedAt != null && requestedAt.isTextual()) {
            instant = read(requestedAt, Instant.class, "requestedAt");
        } else if (application.requestedAt() != null) {
            instant = application.requestedAt();
        }
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    /** {@code detail} as a JSON tree, refused if it breaks its contract. */
    static ObjectNode validated(EventDetail detail) {
        EventContract contract = EventContract.forDetail(detail);
        ObjectNode tree = EventContracts.mapper().valueToTree(detail);
        check(contract, tree);
        return tree;
    }

    /** A review detail is valid once the workflow adds the task token; it is checked as if it had one. */
    static ObjectNode validatedWithoutToken(EventDetail review) {
        ObjectNode tree = EventContracts.mapper().valueToTree(review);
        tree.remove("taskToken");
        ObjectNode withToken = tree.deepCopy().put("taskToken", TOKEN_PLACEHOLDER);
        check(EventContract.forDetail(review), withToken);
        return tree;
    }

    private static void check(EventContract contract, JsonNode tree) {
        List<ContractViolation> violations = EventContracts.validate(contract.detailType(), tree);
        if (!violations.isEmpty()) {
            throw new ContractViolationException(contract.detailType(), violations);
        }
    }

    private static <T> T read(JsonNode node, Class<T> type, String what) {
        try {
            return EventContracts.mapper().treeToValue(node, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidPayloadException("\"" + what + "\" cannot be read: " + e.getMessage());
        }
    }

    /** The payload is not what the workflow contract says; the invocation fails (and the workflow retries). */
    static final class InvalidPayloadException extends IllegalArgumentException {
        InvalidPayloadException(String message) {
            super(message);
        }
    }
}
