package org.kycsuite.accounts.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.kycsuite.events.DocumentNumber;
import org.kycsuite.events.EventContracts;
import org.kycsuite.events.Reason;

/** An application as the API shows it; the identity document number is masked. */
public record ApplicationView(UUID id, ApplicationStatus status, List<Reason> reasons, String accountNumber,
                              Instant submittedAt, Instant updatedAt, Instant decidedAt, JsonNode applicant,
                              JsonNode product, JsonNode initialDeposit, JsonNode expectedMonthlyVolume,
                              String requestedBy, String branch) {

    private static final TypeReference<List<Reason>> REASONS = new TypeReference<>() {
    };

    public static ApplicationView of(Application application) {
        try {
            JsonNode request = EventContracts.mapper().readTree(application.requestJson);
            JsonNode applicant = request.get("applicant").deepCopy();
            JsonNode document = applicant.get("document");
            if (document instanceof ObjectNode doc && doc.hasNonNull("number")) {
                doc.put("number", DocumentNumber.mask(doc.get("number").asText()));
            }
            List<Reason> reasons = application.reasonsJson == null ? List.of()
                    : EventContracts.mapper().readValue(application.reasonsJson, REASONS);
            return new ApplicationView(application.id, application.status, reasons, application.accountNumber,
                    application.submittedAt, application.updatedAt, application.decidedAt, applicant,
                    request.get("product"), request.get("initialDeposit"), request.get("expectedMonthlyVolume"),
                    application.requestedBy, application.branch);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
