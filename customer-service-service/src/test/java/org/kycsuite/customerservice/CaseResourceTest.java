package org.kycsuite.customerservice;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.kycsuite.events.EventContract.IDENTITY_CHECK_COMPLETED;
import static org.kycsuite.events.EventContract.MANUAL_REVIEW_REQUESTED;
import static org.kycsuite.events.EventContract.NEW_ACCOUNT_REJECTED;
import static org.kycsuite.events.EventContract.NEW_ACCOUNT_REQUESTED;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kycsuite.customerservice.timeline.EventRecorder;
import org.kycsuite.customerservice.timeline.TimelineEntry;
import org.kycsuite.events.SampleEvents;

/** Search, case view, masking and roles, over events recorded through the same code the consumer uses. */
@QuarkusTest
@QuarkusTestResource(LocalCloudResource.class)
class CaseResourceTest {

    private static final String TASK_TOKEN = SampleEvents.tree(MANUAL_REVIEW_REQUESTED)
            .path("detail").path("taskToken").textValue();

    @Inject
    EventRecorder recorder;

    @Test
    void findsApplicantsByAccentAndCaseInsensitivePartialName() {
        String app = submit("Zoë", "Ångström", "zoe.angstrom@example.org", Instant.parse("2026-10-01T10:00:00Z"));

        for (String q : List.of("angstr", "ZOE ÅNG", "zoë", "Angström")) {
            agent().queryParam("q", q).when().get("/cases").then().statusCode(200)
                    .body("items.applicationId", hasItem(app));
        }
        agent().queryParam("q", "zoe.angstrom@EXAMPLE.org").when().get("/cases").then()
                .body("items.applicationId", equalTo(List.of(app)))
                .body("items[0].applicantName", equalTo("Zoë Ångström"))
                .body("items[0].status", equalTo("SUBMITTED"));
        agent().queryParam("q", app.substring(0, 13)).when().get("/cases").then()
                .body("items.applicationId", equalTo(List.of(app)));
    }

    @Test
    void filtersByStatusAndDateRangeWithPaging() {
        Instant day = Instant.parse("2025-03-14T08:00:00Z");
        String rejected = submit("Grace", "Hopper", "grace@example.com", day);
        record(TestEvents.sample(NEW_ACCOUNT_REJECTED, rejected, day.plusSeconds(30)));
        submit("Grace", "Hopper-Two", "grace2@example.com", day.plusSeconds(60));
        submit("Grace", "Hopper-Three", "grace3@example.com", Instant.parse("2025-03-16T08:00:00Z"));

        agent().queryParam("q", "hopper").queryParam("status", "REJECTED").when().get("/cases").then()
                .statusCode(200).body("total", equalTo(1)).body("items[0].applicationId", equalTo(rejected));
        agent().queryParam("q", "hopper").queryParam("from", "2025-03-14").queryParam("to", "2025-03-14")
                .when().get("/cases").then().body("total", equalTo(2));
        agent().queryParam("q", "hopper").queryParam("size", 2).queryParam("page", 1).when().get("/cases").then()
                .body("total", equalTo(3)).body("page", equalTo(1)).body("size", equalTo(2))
                .body("items.size()", equalTo(1));
        agent().queryParam("status", "LOST").when().get("/cases").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("status"));
    }

    @Test
    void caseViewIsMaskedAndExplainsTheOutcomeWithoutTippingOff() {
        Instant t = Instant.parse("2026-11-20T09:15:02Z");
        String app = submit("Ada", "Lovelace", "ada@example.com", t);
        record(TestEvents.sample(IDENTITY_CHECK_COMPLETED, app, t.plusSeconds(2), d -> {
            ArrayNode matches = d.putArray("screeningMatches");
            matches.addObject().put("list", "OFAC_SDN").put("entryId", "7784").put("matchedName", "Ada Lovelac")
                    .put("score", 0.91);
            d.put("result", "NEEDS_REVIEW");
        }));
        record(TestEvents.sample(MANUAL_REVIEW_REQUESTED, app, t.plusSeconds(3)));
        record(TestEvents.sample(NEW_ACCOUNT_REJECTED, app, t.plusSeconds(90), d -> d.put("decidedBy", "officer")
                .put("note", "Match confirmed by the sanctions desk").put("riskLevel", "HIGH").put("riskScore", 72)));

        String body = agent().when().get("/cases/" + app).then().statusCode(200)
                .body("applicationId", equalTo(app))
                .body("status", equalTo("REJECTED"))
                .body("applicant.name", equalTo("Ada Lovelace"))
                .body("applicant.email", equalTo("a***@example.com"))
                .body("applicant.phone", equalTo("**********567"))
                .body("applicant.dateOfBirth", equalTo("1990-**-**"))
                .body("applicant.document.number", equalTo("not held"))
                .body("applicant.address.line1", equalTo("***"))
                .body("timeline.size()", equalTo(4))
                .body("timeline[3].actor", equalTo("Compliance officer officer"))
                .body("timeline[3].summary", containsString("Decided by the bank's compliance process"))
                .body("outcome.decision", equalTo("REJECTED"))
                .body("outcome.decidedBy", equalTo("officer"))
                .body("outcome.note", nullValue())
                .body("outcome.reasons.code", contains("COMPLIANCE_DECISION"))
                .body("outcome.riskLevel", equalTo("HIGH"))
                .body("outcome.riskScore", equalTo(72))
                .body("outcome.screeningMatches", empty())
                .body("outcome.review.riskLevel", equalTo("MEDIUM"))
                .extract().asString();
        assertThat(body).doesNotContain("123456789").doesNotContain(TASK_TOKEN).doesNotContain("taskToken")
                .doesNotContain("ada@example.com").doesNotContain("+442071234567");
        // tipping-off: the agent talks to the applicant, so no screening result and no officer's note
        assertThat(body).doesNotContain("OFAC").doesNotContain("7784").doesNotContain("Ada Lovelac\"")
                .doesNotContain("SANCTIONS").doesNotContain("sanctions desk").doesNotContain("screening match");
        assertThat(storedDetails(app)).hasSize(4).noneMatch(d -> d.contains("123456789"))
                .noneMatch(d -> d.contains(TASK_TOKEN)).noneMatch(d -> d.contains("taskToken"));

        agent().accept("text/html").when().get("/ui/cases/" + app).then().statusCode(200)
                .body(containsString("Ada Lovelace")).body(containsString("a***@example.com"))
                .body(not(containsString("Match confirmed by the sanctions desk"))).body(not(containsString("OFAC")))
                .body(containsString("width=device-width"))
                .body(not(containsString("123456789")));
        agent().when().get("/cases/" + TestEvents.newApplicationId()).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void onlyAgentsMaySeeCases() {
        given().when().get("/cases").then().statusCode(401);
        given().auth().preemptive().basic("staff", "staff").when().get("/cases").then().statusCode(403);
        given().auth().preemptive().basic("officer", "officer").when().get("/cases").then().statusCode(403);
        given().auth().preemptive().basic("agent", "wrong").when().get("/cases").then().statusCode(401);
        given().when().get("/").then().statusCode(401);
        given().auth().preemptive().basic("staff", "staff").when().get("/").then().statusCode(403);
        agent().queryParam("q", "nobody-at-all").when().get("/").then().statusCode(200)
                .body(containsString("0 case(s)"));
        given().when().get("/q/health/ready").then().statusCode(200);
        given().when().get("/q/openapi").then().statusCode(401);
        given().auth().preemptive().basic("agent", "agent").when().get("/q/metrics").then().statusCode(403);
        given().auth().preemptive().basic("ops", "ops").when().get("/q/openapi").then().statusCode(200)
                .body(containsString("/cases/{applicationId}"));
    }

    private String submit(String givenName, String familyName, String email, Instant time) {
        String app = TestEvents.newApplicationId();
        record(TestEvents.sample(NEW_ACCOUNT_REQUESTED, app, time, d -> {
            ObjectNode applicant = (ObjectNode) d.get("applicant");
            applicant.put("givenName", givenName).put("familyName", familyName).put("email", email);
            d.put("requestedAt", time.toString());
        }));
        return app;
    }

    private void record(ObjectNode event) {
        assertThat(recorder.record(event.toString())).isTrue();
    }

    @Transactional
    List<String> storedDetails(String app) {
        return TimelineEntry.forApplication(app).stream().map(e -> e.detail).toList();
    }

    private static io.restassured.specification.RequestSpecification agent() {
        return given().auth().preemptive().basic("agent", "agent");
    }
}
