package org.kycsuite.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.kycsuite.events.EventTypes;

/** The journeys of the design, end to end through the running suite. */
@ExtendWith(RunningSuite.class)
class KycFlowIT {

    private static SuiteApi api;

    @BeforeAll
    static void connect() {
        api = new SuiteApi(RunningSuite.suite().settings());
    }

    @Test
    void lowRiskApplicantGetsAnOpenedAccountAndACompleteTimeline() {
        String id = api.submit(Applicants.lowRisk());

        JsonPath opened = api.awaitStatus(id, "OPENED", "REJECTED");

        assertThat(opened.getString("status")).isEqualTo("OPENED");
        assertThat(Iban.isValid(opened.getString("accountNumber"))).as(opened.getString("accountNumber")).isTrue();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            JsonPath kase = api.caseOf(id);
            assertThat(kase.getString("status")).isEqualTo("OPENED");
            assertThat(kase.getList("timeline.detailType", String.class)).contains(
                    EventTypes.NEW_ACCOUNT_REQUESTED, EventTypes.IDENTITY_CHECK_COMPLETED,
                    EventTypes.NEW_ACCOUNT_APPROVED, EventTypes.ACCOUNT_OPENED);
        });
    }

    @Test
    void sanctionedNameIsRejectedWithTheScreeningReason() {
        String id = api.submit(Applicants.sanctioned());

        JsonPath rejected = api.awaitStatus(id, "OPENED", "REJECTED");

        assertThat(rejected.getString("status")).isEqualTo("REJECTED");
        assertThat(rejected.getList("reasons.code", String.class)).anyMatch(code -> code.startsWith("SANCTIONS"));
    }

    @Test
    void mediumRiskApplicantIsOpenedAfterTheOfficerApproves() {
        String id = api.submit(Applicants.mediumRisk());
        String review = api.awaitPendingReview(id);

        api.decide(review, "APPROVE", "Source of funds documented");

        JsonPath opened = api.awaitStatus(id, "OPENED", "REJECTED");
        assertThat(opened.getString("status")).isEqualTo("OPENED");
        assertThat(Iban.isValid(opened.getString("accountNumber"))).isTrue();
    }

    @Test
    void mediumRiskApplicantIsRejectedWhenTheOfficerRejects() {
        String id = api.submit(Applicants.mediumRisk());
        String review = api.awaitPendingReview(id);

        api.decide(review, "REJECT", "Adverse media");

        JsonPath rejected = api.awaitStatus(id, "OPENED", "REJECTED");
        assertThat(rejected.getString("status")).isEqualTo("REJECTED");
        assertThat(rejected.getList("reasons.code", String.class)).contains("REVIEWER_REJECTED");
    }

    @Test
    void reviewLeftPastTheTimeoutIsRejectedAsTimedOut() {
        String id = api.submit(Applicants.mediumRisk());
        String review = api.awaitPendingReview(id);

        JsonPath rejected = api.awaitStatus(id, "OPENED", "REJECTED");

        assertThat(rejected.getString("status")).isEqualTo("REJECTED");
        assertThat(rejected.getList("reasons.code", String.class)).isEqualTo(List.of("REVIEW_TIMED_OUT"));
        // The officer's inbox stops offering it (kyc-service checks pending reviews every 30 s).
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
                .until(() -> "EXPIRED".equals(api.reviewStatus(review)));
    }
}
