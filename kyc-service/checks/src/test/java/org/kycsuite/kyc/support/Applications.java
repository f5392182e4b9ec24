package org.kycsuite.kyc.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import org.kycsuite.events.EventContract;
import org.kycsuite.events.EventContracts;
import org.kycsuite.events.NewAccountRequested;
import org.kycsuite.events.SampleEvents;
import org.kycsuite.kyc.screening.SanctionsLists;
import org.kycsuite.kyc.screening.SanctionsScreening;
import org.kycsuite.kyc.screening.ScreeningSettings;

/** The shared sample application (Ada Lovelace) and variations of it, and the real lists loaded once. */
public final class Applications {

    private static SanctionsScreening screening;

    private Applications() {
    }

    public static synchronized SanctionsScreening screening() {
        if (screening == null) {
            screening = new SanctionsScreening(SanctionsLists.load(SanctionsLists.DEFAULT_LOCATION),
                    ScreeningSettings.DEFAULTS);
        }
        return screening;
    }

    /** The "New account requested" sample event (envelope). */
    public static ObjectNode sampleEvent() {
        return (ObjectNode) SampleEvents.tree(EventContract.NEW_ACCOUNT_REQUESTED);
    }

    /** The sample detail with {@code change} applied to its JSON. */
    public static ObjectNode detail(Consumer<ObjectNode> change) {
        ObjectNode detail = (ObjectNode) sampleEvent().get("detail");
        change.accept(detail);
        return detail;
    }

    /** A plain applicant: the sample, not a PEP, depositing 500 and expecting 2000 a month. */
    public static ObjectNode plainDetail() {
        return detail(d -> {
            applicant(d).put("politicallyExposed", false);
            ((ObjectNode) d.get("initialDeposit")).put("amount", "500.00");
            ((ObjectNode) d.get("expectedMonthlyVolume")).put("amount", "2000.00");
        });
    }

    public static ObjectNode applicant(ObjectNode detail) {
        return (ObjectNode) detail.get("applicant");
    }

    public static NewAccountRequested read(ObjectNode detail) {
        try {
            return EventContracts.mapper().treeToValue(detail, NewAccountRequested.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The identity-check payload the workflow sends for {@code detail}. */
    public static ObjectNode identityPayload(ObjectNode detail) {
        ObjectNode payload = EventContracts.mapper().createObjectNode();
        payload.put("applicationId", detail.get("applicationId").asText());
        payload.put("requestedAt", "2026-11-20T09:15:02Z");
        payload.set("application", detail);
        return payload;
    }
}
