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
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;
import org.kycsuite.events.CheckOutcome;
import org.kycsuite.events.EventContracts;
import org.kycsuite.events.EventDetail;
import org.kycsuite.events.IdentityCheckCompleted;
import org.kycsuite.events.ManualReviewRequested;
import org.kycsuite.events.NewAccountApproved;
import org.kycsuite.events.NewAccountRejected;
import org.kycsuite.events.NewAccountRequested;
import org.kycsuite.events.Reason;
import org.kycsuite.events.RiskLevel;
import org.kycsuite.kyc.risk.RiskAssessment;
import org.kycsuite.kyc.risk.RiskAssessor;

/**
 * The {@value #NAME} function. Payload in: {@code {"application", "identity"}}; out: {@code {"riskLevel",
 * "riskScore", "outcome", "approval" | "rejection" | "review"}}. HIGH rejects; MEDIUM or an identity
 * check that needs review goes to a person; anything else is approved.
 */
@Singleton
@Named(RiskAssessmentHandler.NAME)
public class RiskAssessmentHandler implements RequestHandler<JsonNode, JsonNode> {

    public static final String NAME = "risk-assessment";
    private static final Logger LOG = Logger.getLogger(RiskAssessmentHandler.class);
    private static final int MAX_NAME = 200;

    private final RiskAssessor assessor;
    private final Clock clock;

    @Inject
    public RiskAssessmentHandler(RiskAssessor assessor, Clock clock) {
        this.assessor = assessor;
        this.clock = clock;
    }

    @Override
    public JsonNode handleRequest(JsonNode payload, Context context) {
        NewAccountRequested application = Payloads.application(payload);
        if (application.applicant() == null) {
            throw new Payloads.InvalidPayloadException("\"application\" has no applicant");
        }
        IdentityCheckCompleted identity = Payloads.identity(payload);
        Instant now = clock.instant();
        LocalDate on = Payloads.requestDate(payload, application, now);
        RiskAssessment risk = assessor.assess(application, identity, on);
        Outcome outcome = outcome(risk.level(), identity);
        ObjectNode out = EventContracts.mapper().createObjectNode();
        out.put("riskLevel", risk.level().name());
        out.put("riskScore", risk.score());
        out.put("outcome", outcome.name());
        switch (outcome) {
            case APPROVE -> out.set("approval", Payloads.validated(new NewAccountApproved(application.applicationId(),
                    EventDetail.CURRENT_SCHEMA_VERSION, risk.level(), risk.score(), risk.factors(),
                    IdentityCheckHandler.AUTOMATIC, now, null)));
            case REJECT -> out.set("rejection", Payloads.validated(new NewAccountRejected(application.applicationId(),
                    EventDetail.CURRENT_SCHEMA_VERSION, rejectReasons(risk, identity), risk.level(), risk.score(),
                    risk.factors(), IdentityCheckHandler.AUTOMATIC, now, null)));
            case REVIEW -> out.set("review", Payloads.validatedWithoutToken(new ManualReviewRequested(
                    application.applicationId(), EventDetail.CURRENT_SCHEMA_VERSION, applicantName(application),
                    risk.level(), risk.score(), risk.factors(), reviewReasons(risk, identity),
                    identity == null || identity.screeningMatches() == null ? List.of() : identity.screeningMatches(),
                    null, now)));
            default -> throw new IllegalStateException("Unknown outcome " + outcome);
        }
        LOG.infof("Risk assessment of application %s: %s (%d) -> %s", application.applicationId(), risk.level(),
                risk.score(), outcome);
        return out;
    }

    static Outcome outcome(RiskLevel level, IdentityCheckCompleted identity) {
        CheckOutcome identityResult = identity == null ? CheckOutcome.PASSED : identity.result();
        if (level == RiskLevel.HIGH || identityResult == CheckOutcome.FAILED) {
            return Outcome.REJECT;
        }
        return level == RiskLevel.MEDIUM || identityResult == CheckOutcome.NEEDS_REVIEW ? Outcome.REVIEW
                : Outcome.APPROVE;
    }

    private List<Reason> rejectReasons(RiskAssessment risk, IdentityCheckCompleted identity) {
        List<Reason> reasons = new ArrayList<>();
        if (risk.level() == RiskLevel.HIGH) {
            reasons.add(bandReason(risk));
        }
        if (identity != null && identity.result() == CheckOutcome.FAILED) {
            reasons.addAll(IdentityCheckHandler.rejection(identity).reasons());
        }
        return reasons;
    }

    private List<Reason> reviewReasons(RiskAssessment risk, IdentityCheckCompleted identity) {
        List<Reason> reasons = new ArrayList<>();
        if (risk.level() == RiskLevel.MEDIUM) {
            reasons.add(bandReason(risk));
        }
        if (identity != null && identity.result() == CheckOutcome.NEEDS_REVIEW) {
            identity.checks().stream().filter(c -> c.outcome() == CheckOutcome.NEEDS_REVIEW)
                    .forEach(c -> reasons.add(new Reason(c.reasonCode() == null ? "IDENTITY_NEEDS_REVIEW"
                            : c.reasonCode(), c.reason() == null ? "Identity check " + c.name() + " needs review"
                            : abbreviate(c.reason(), MAX_NAME))));
        }
        return reasons;
    }

    private Reason bandReason(RiskAssessment risk) {
        return new Reason("RISK_" + risk.level(), "Risk score " + risk.score() + " is in the " + risk.level()
                + " band (" + assessor.settings().band(risk.level()) + ")");
    }

    private static String applicantName(NewAccountRequested application) {
        String name = (nullToEmpty(application.applicant().givenName()) + " "
                + nullToEmpty(application.applicant().familyName())).strip();
        return abbreviate(name.isEmpty() ? "(no name given)" : name, MAX_NAME);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "\u2026";
    }
}
