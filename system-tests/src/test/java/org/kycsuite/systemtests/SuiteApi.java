package org.kycsuite.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.oneOf;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.kycsuite.localrun.SuiteSettings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The suite's public surface as the tests use it: the three HTTP APIs and the AWS SDK clients. */
final class SuiteApi {

    static final Duration OUTCOME_TIMEOUT = Duration.ofSeconds(90);

    private final SuiteSettings settings;

    SuiteApi(SuiteSettings settings) {
        this.settings = settings;
    }

    String submit(Map<String, Object> application) {
        return given().auth().preemptive().basic("staff", "staff").contentType(ContentType.JSON).body(application)
                .post(url(SuiteSettings.ACCOUNTS, "/applications"))
                .then().statusCode(201).extract().path("id");
    }

    JsonPath application(String id) {
        return given().auth().preemptive().basic("staff", "staff").get(url(SuiteSettings.ACCOUNTS,
                "/applications/" + id)).then().statusCode(200).extract().jsonPath();
    }

    /** Waits until the application reaches one of {@code statuses}, and returns it then. */
    JsonPath awaitStatus(String id, String... statuses) {
        Set<String> wanted = Set.of(statuses);
        AtomicReference<JsonPath> last = new AtomicReference<>();
        await().atMost(OUTCOME_TIMEOUT).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
            last.set(application(id));
            return wanted.contains(last.get().getString("status"));
        });
        return last.get();
    }

    /** Waits until the compliance officer's queue shows a pending review for the application. */
    String awaitPendingReview(String applicationId) {
        AtomicReference<String> reviewId = new AtomicReference<>();
        await().atMost(OUTCOME_TIMEOUT).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> pendingReview(applicationId).map(id -> {
                    reviewId.set(id);
                    return true;
                }).orElse(false));
        return reviewId.get();
    }

    /**
     * Waits for the application's outcome, approving any review the workflow asks for meanwhile, as
     * an officer would when a check was unavailable during an outage (the workflow never rejects
     * silently for that).
     */
    JsonPath awaitOutcomeApprovingReviews(String applicationId) {
        AtomicReference<JsonPath> last = new AtomicReference<>();
        await().atMost(OUTCOME_TIMEOUT).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
            pendingReview(applicationId)
                    .ifPresent(id -> decide(id, "APPROVE", "Checks repeated by hand after an outage"));
            last.set(application(applicationId));
            return Set.of("OPENED", "REJECTED").contains(last.get().getString("status"));
        });
        return last.get();
    }

    private Optional<String> pendingReview(String applicationId) {
        List<Map<String, Object>> reviews = given().auth().preemptive().basic("officer", "officer")
                .queryParam("status", "PENDING").queryParam("size", 100).get(url(SuiteSettings.KYC, "/reviews"))
                .then().statusCode(200).extract().jsonPath().getList("items");
        return reviews.stream().filter(r -> applicationId.equals(String.valueOf(r.get("applicationId"))))
                .map(r -> String.valueOf(r.get("id"))).findFirst();
    }

    /** Decides a review; 202 means recorded while Step Functions was away (it is delivered later). */
    void decide(String reviewId, String decision, String note) {
        given().auth().preemptive().basic("officer", "officer").contentType(ContentType.JSON)
                .body(Map.of("decision", decision, "note", note))
                .post(url(SuiteSettings.KYC, "/reviews/" + reviewId + "/decision"))
                .then().statusCode(oneOf(200, 202));
    }

    /** Approves every pending review, as an officer would after an outage made checks unavailable. */
    void approvePendingReviews(String note) {
        while (true) {
            List<String> ids = given().auth().preemptive().basic("officer", "officer")
                    .queryParam("status", "PENDING").queryParam("size", 100).get(url(SuiteSettings.KYC, "/reviews"))
                    .then().statusCode(200).extract().jsonPath().getList("items.id", String.class);
            if (ids.isEmpty()) {
                return;
            }
            ids.forEach(id -> decide(id, "APPROVE", note));
        }
    }

    String reviewStatus(String reviewId) {
        return given().auth().preemptive().basic("officer", "officer")
                .get(url(SuiteSettings.KYC, "/reviews/" + reviewId)).then().statusCode(200).extract().path("status");
    }

    JsonPath caseOf(String applicationId) {
        return given().auth().preemptive().basic("agent", "agent")
                .get(url(SuiteSettings.CUSTOMER_SERVICE, "/cases/" + applicationId))
                .then().statusCode(200).extract().jsonPath();
    }

    EventBridgeClient eventBridge() {
        return EventBridgeClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + settings.edgePort()))
                .region(Region.US_EAST_1).credentialsProvider(credentials())
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    SqsClient sqs() {
        return SqsClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + settings.sqsPort()))
                .region(Region.US_EAST_1).credentialsProvider(credentials())
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    }

    private String url(String service, String path) {
        return "http://127.0.0.1:" + settings.port(service) + path;
    }
}
