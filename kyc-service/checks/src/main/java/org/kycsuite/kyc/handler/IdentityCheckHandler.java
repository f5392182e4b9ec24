package org.kycsuite.kyc.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.kycsuite.events.CheckOutcome;
import org.kycsuite.events.EventContracts;
import org.kycsuite.events.EventDetail;
import org.kycsuite.events.IdentityCheckCompleted;
import org.kycsuite.events.NewAccountRejected;
import org.kycsuite.events.NewAccountRequested;
import org.kycsuite.events.Reason;
import org.kycsuite.kyc.identity.IdentityVerifier;

/**
 * The {@value #NAME} function. Payload in: {@code {"applicationId", "requestedAt", "application"}};
 * out: {@code {"detail": <Identity check completed>, "rejection": <New account rejected, only when FAILED>}}.
 * The same class runs on AWS Lambda and behind kyc-service's Invoke path.
 */
@Singleton
@Named(IdentityCheckHandler.NAME)
public class IdentityCheckHandler implements RequestHandler<JsonNode, JsonNode> {

    public static final String NAME = "identity-check";
    public static final String AUTOMATIC = "automatic";
    private static final Logger LOG = Logger.getLogger(IdentityCheckHandler.class);
    private static final int MAX_REASON_TEXT = 200;

    private final IdentityVerifier verifier;
    private final Clock clock;

    @Inject
    public IdentityCheckHandler(IdentityVerifier verifier, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
    }

    @Override
    public JsonNode handleRequest(JsonNode payload, Context context) {
        NewAccountRequested application = Payloads.application(payload);
        if (application.applicationId() == null && payload.hasNonNull("applicationId")) {
            application = withId(application, UUID.fromString(payload.get("applicationId").asText()));
        }
        Instant now = clock.instant();
        LocalDate requestDate = Payloads.requestDate(payload, application, now);
        IdentityCheckCompleted detail = verifier.verify(application, requestDate, now);
        ObjectNode out = EventContracts.mapper().createObjectNode();
        out.set("detail", Payloads.validated(detail));
        if (detail.result() == CheckOutcome.FAILED) {
            out.set("rejection", Payloads.validated(rejection(detail)));
        }
        LOG.infof("Identity check of application %s: %s", application.applicationId(), detail.result());
        return out;
    }

    static NewAccountRejected rejection(IdentityCheckCompleted detail) {
        List<Reason> reasons = detail.checks().stream()
                .filter(c -> c.outcome() == CheckOutcome.FAILED)
                .map(c -> new Reason(c.reasonCode(), truncate(c.reason())))
                .toList();
        return new NewAccountRejected(detail.applicationId(), EventDetail.CURRENT_SCHEMA_VERSION, reasons, null, null,
                null, AUTOMATIC, detail.checkedAt(), null);
    }

    private static String truncate(String text) {
        return text.length() <= MAX_REASON_TEXT ? text : text.substring(0, MAX_REASON_TEXT - 1) + "\u2026";
    }

    private static NewAccountRequested withId(NewAccountRequested a, UUID id) {
        return new NewAccountRequested(id, a.schemaVersion(), a.applicant(), a.product(), a.initialDeposit(),
                a.expectedMonthlyVolume(), a.requestedBy(), a.branch(), a.requestedAt());
    }
}
