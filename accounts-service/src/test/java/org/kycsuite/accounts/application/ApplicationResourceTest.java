package org.kycsuite.accounts.application;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.kycsuite.accounts.support.LocalCloudResource;
import org.kycsuite.accounts.support.Requests;

/** The staff API over HTTP: submission, validation, idempotency, roles and paging. */
@QuarkusTest
@QuarkusTestResource(LocalCloudResource.class)
class ApplicationResourceTest {

    @Test
    void submitsAnApplicationAndShowsIt() {
        Response created = submit(Requests.valid(), null);
        created.then().statusCode(201)
                .header("Location", startsWith("http"))
                .body("status", equalTo("SUBMITTED"))
                .body("applicant.familyName", equalTo("Lovelace"))
                .body("applicant.document.number", equalTo("******789"))
                .body("reasons.size()", equalTo(0));
        String id = created.path("id");
        assertThat(created.header("Location")).endsWith("/applications/" + id);

        given().auth().preemptive().basic("staff", "staff").get("/applications/" + id).then().statusCode(200)
                .body("id", equalTo(id)).body("status", equalTo("SUBMITTED"))
                .body("requestedBy", equalTo("staff")).body("initialDeposit.amount", equalTo("500.00"));
    }

    @Test
    void listsEveryInvalidFieldAsProblemJson() {
        ObjectNode body = Requests.valid();
        ObjectNode applicant = (ObjectNode) body.get("applicant");
        applicant.put("givenName", " ");
        applicant.remove("familyName");
        applicant.put("dateOfBirth", "10/12/1990");
        applicant.put("nationality", "XX");
        applicant.put("email", "ada.example.com");
        applicant.put("phone", "07123");
        ((ObjectNode) applicant.get("address")).put("postalCode", "");
        ((ObjectNode) applicant.get("document")).put("type", "LIBRARY_CARD");
        ((ObjectNode) applicant.get("document")).put("number", "12-34");
        applicant.remove("politicallyExposed");
        ((ObjectNode) body.get("product")).put("type", "GOLD_BARS");
        ((ObjectNode) body.get("initialDeposit")).put("amount", "-5");
        ((ObjectNode) body.get("expectedMonthlyVolume")).put("currency", "EUR");

        Response response = submit(body, null);
        response.then().statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
        List<String> fields = response.jsonPath().getList("errors.field");
        assertThat(fields).containsExactlyInAnyOrder("applicant.givenName", "applicant.familyName",
                "applicant.dateOfBirth", "applicant.nationality", "applicant.email", "applicant.phone",
                "applicant.address.postalCode", "applicant.document.type", "applicant.document.number",
                "applicant.politicallyExposed", "product.type", "initialDeposit.amount",
                "expectedMonthlyVolume.currency");
        assertThat(response.jsonPath().getList("errors.message", String.class)).allSatisfy(
                message -> assertThat(message).isNotBlank());
    }

    @Test
    void namesTheFieldOfAWronglyTypedValue() {
        ObjectNode body = Requests.valid();
        ((ObjectNode) body.get("applicant")).put("politicallyExposed", "perhaps");
        submit(body, null).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("applicant.politicallyExposed"));
    }

    @Test
    void replaysTheFirstResultForTheSameIdempotencyKey() {
        String key = UUID.randomUUID().toString();
        Response first = submit(Requests.named("Replay"), key);
        first.then().statusCode(201);
        Response second = submit(Requests.named("Replay"), key);
        second.then().statusCode(201).header("Idempotent-Replayed", "true")
                .body("id", equalTo(first.path("id")));
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(second.header("Location")).isEqualTo(first.header("Location"));
    }

    @Test
    void refusesADifferentRequestUnderAUsedIdempotencyKey() {
        String key = UUID.randomUUID().toString();
        submit(Requests.named("Original"), key).then().statusCode(201);
        submit(Requests.named("Different"), key).then().statusCode(422)
                .contentType("application/problem+json");
    }

    @Test
    void requiresAuthenticationAndTheBankStaffRole() {
        given().contentType(ContentType.JSON).body(Requests.valid().toString()).post("/applications")
                .then().statusCode(401);
        given().auth().preemptive().basic("staff", "wrong").get("/applications").then().statusCode(401);
        given().auth().preemptive().basic("agent", "agent").get("/applications").then().statusCode(403);
        given().auth().preemptive().basic("agent", "agent").contentType(ContentType.JSON)
                .body(Requests.valid().toString()).post("/applications").then().statusCode(403);
        given().auth().preemptive().basic("agent", "agent").get("/").then().statusCode(403);
    }

    @Test
    void pagesAndFiltersApplications() {
        for (int i = 0; i < 3; i++) {
            submit(Requests.named("Pager" + i), null).then().statusCode(201);
        }
        Response firstPage = staff().queryParams(Map.of("status", "SUBMITTED", "page", "0", "size", "2"))
                .get("/applications");
        firstPage.then().statusCode(200).body("page", equalTo(0)).body("size", equalTo(2))
                .body("items.size()", equalTo(2));
        long total = firstPage.jsonPath().getLong("total");
        assertThat(total).isGreaterThanOrEqualTo(3);
        assertThat(firstPage.jsonPath().getList("items.status", String.class)).containsOnly("SUBMITTED");
        // Newest first: the last submission leads.
        assertThat(firstPage.jsonPath().getString("items[0].applicant.givenName")).isEqualTo("Pager2");

        Response secondPage = staff().queryParams(Map.of("status", "SUBMITTED", "page", "1", "size", "2"))
                .get("/applications");
        assertThat(secondPage.jsonPath().getList("items.id", String.class))
                .doesNotContainAnyElementsOf(firstPage.jsonPath().getList("items.id", String.class));

        staff().queryParams(Map.of("status", "OPENED", "size", "100")).get("/applications").then()
                .statusCode(200).body("items.findAll { it.status != 'OPENED' }.size()", equalTo(0));
        staff().queryParams(Map.of("status", "LOST", "size", "0")).get("/applications").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("status"))
                .body("errors.field", hasItem("size"));
    }

    @Test
    void answersNotFoundForAnUnknownApplication() {
        staff().get("/applications/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        staff().get("/applications/not-a-uuid").then().statusCode(404);
    }

    @Test
    void servesTheStaffPageOpenApiHealthAndMetrics() {
        staff().accept(ContentType.HTML).get("/").then().statusCode(200)
                .body(containsString("New account application"));
        // Metrics and the API description need the platform-operator role outside the local run;
        // health stays open.
        given().get("/q/openapi").then().statusCode(401);
        given().get("/q/metrics").then().statusCode(401);
        staff().get("/q/metrics").then().statusCode(403);
        given().auth().preemptive().basic("ops", "ops").get("/q/openapi").then().statusCode(200)
                .body(containsString("/applications"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().auth().preemptive().basic("ops", "ops").get("/q/metrics").then().statusCode(200)
                .body(containsString("accounts_outbox_lag_seconds"));
    }

    private static RequestSpecification staff() {
        return given().auth().preemptive().basic("staff", "staff");
    }

    private static Response submit(ObjectNode body, String idempotencyKey) {
        RequestSpecification request = staff().contentType(ContentType.JSON).body(body.toString());
        if (idempotencyKey != null) {
            request = request.header("Idempotency-Key", idempotencyKey);
        }
        return request.post("/applications");
    }
}
