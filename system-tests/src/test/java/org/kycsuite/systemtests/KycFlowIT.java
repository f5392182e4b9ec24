package org.kycsuite.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.kycsuite.events.EventTypes;

/** The journeys of the design, end to end through the running suite. */
@ExtendWith(RunningSuite.class)
class KycFlowIT {

    private static final Random RANDOM = new java.security.SecureRandom();
    private static final Pattern TASK_TOKEN = Pattern.compile("AQ[A-Za-z0-9_-]{64}");

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
    void documentNumbersAndTaskTokensNeverReachTheLogs() throws IOException {
        Map<String, Object> low = withDocumentNumber(Applicants.lowRisk());
        Map<String, Object> medium = withDocumentNumber(Applicants.mediumRisk());
        String lowId = api.submit(low);
        String mediumId = api.submit(medium);
        api.decide(api.awaitPendingReview(mediumId), "APPROVE", "Documents seen");
        assertThat(api.awaitStatus(lowId, "OPENED", "REJECTED").getString("status")).isEqualTo("OPENED");
        assertThat(api.awaitStatus(mediumId, "OPENED", "REJECTED").getString("status")).isEqualTo("OPENED");
        // every process has handled both applications: the agents' timelines are complete
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            assertThat(api.caseOf(lowId).getList("timeline.detailType", String.class))
                    .contains(EventTypes.ACCOUNT_OPENED);
            assertThat(api.caseOf(mediumId).getList("timeline.detailType", String.class))
                    .contains(EventTypes.ACCOUNT_OPENED);
        });

        List<String> numbers = List.of(documentNumber(low), documentNumber(medium));
        List<Path> logs;
        try (Stream<Path> files = Files.list(RunningSuite.suite().settings().logDir())) {
            logs = files.filter(file -> file.getFileName().toString().endsWith(".log")).toList();
        }
        assertThat(logs).hasSizeGreaterThanOrEqualTo(4);
        for (Path log : logs) {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(numbers).as("document numbers in %s", log.getFileName()).noneMatch(text::contains);
            // the local cloud's task tokens: "AQ" and 48 random bytes in base64url (the review above had one)
            assertThat(TASK_TOKEN.matcher(text).find()).as("a task token in %s", log.getFileName()).isFalse();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withDocumentNumber(Map<String, Object> application) {
        Map<String, Object> applicant = (Map<String, Object>) application.get("applicant");
        Map<String, Object> document = new HashMap<>((Map<String, Object>) applicant.get("document"));
        // A fresh GB passport number (nine digits); a chance match elsewhere in the logs is about 1 in 10^4.
        document.put("number", String.format(Locale.ROOT, "%09d", RANDOM.nextInt(1_000_000_000)));
        applicant.put("document", document);
        return application;
    }

    @SuppressWarnings("unchecked")
    private static String documentNumber(Map<String, Object> application) {
        return (String) ((Map<String, Object>) ((Map<String, Object>) application.get("applicant"))
                .get("document")).get("number");
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
