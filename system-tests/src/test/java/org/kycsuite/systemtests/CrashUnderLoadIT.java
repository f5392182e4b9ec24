package org.kycsuite.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.kycsuite.events.EventContracts;
import org.kycsuite.events.EventTypes;
import org.kycsuite.localrun.LocalSuite;
import org.kycsuite.localrun.SuiteSettings;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Staff keep submitting at 20 applications/s while each of the four processes in turn is killed with
 * SIGKILL and started again with the same command line: every application accounts accepted (201)
 * ends OPENED with one account, its case shows each step once, and every "Account opened" on the bus
 * for it names that same account. Submissions refused while accounts-service is down were never
 * accepted and are not counted.
 */
@ExtendWith(RunningSuite.class)
class CrashUnderLoadIT {

    private static final int RATE_PER_SECOND = 20;
    private static final Duration BETWEEN_CRASHES = Duration.ofSeconds(6);
    private static final String QUEUE = "crash-test-accounts-opened";

    @Test
    void killingEachProcessInTurnUnderLoadLosesNoAcceptedApplicationAndOpensEachOnce() throws Exception {
        SuiteApi api = new SuiteApi(RunningSuite.suite().settings());
        SuiteSettings settings = RunningSuite.suite().settings();
        try (EventBridgeClient events = api.eventBridge(); SqsClient sqs = api.sqs()) {
            String queueUrl = subscribeToAccountsOpened(events, sqs);
            Load load = new Load(settings);
            load.start();
            try {
                LocalSuite suite = RunningSuite.suite();
                for (String process : List.of(SuiteSettings.LOCAL_CLOUD, SuiteSettings.ACCOUNTS, SuiteSettings.KYC,
                        SuiteSettings.CUSTOMER_SERVICE)) {
                    Thread.sleep(BETWEEN_CRASHES.toMillis());
                    suite.kill(process);
                    suite.start(process);
                }
                Thread.sleep(BETWEEN_CRASHES.toMillis());
            } finally {
                load.stop();
            }
            Set<String> accepted = load.accepted();
            assertThat(accepted).as("applications accepted while the processes crashed").hasSizeGreaterThan(200);

            Map<String, String> accountOf = new HashMap<>();
            await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().until(() -> {
                api.approvePendingReviews("Checks repeated by hand after an outage");
                for (String id : accepted) {
                    if (!accountOf.containsKey(id)) {
                        var application = api.application(id);
                        assertThat(application.getString("status")).as(id).isNotEqualTo("REJECTED");
                        if ("OPENED".equals(application.getString("status"))) {
                            accountOf.put(id, application.getString("accountNumber"));
                        }
                    }
                }
                return accountOf.size() == accepted.size();
            });

            for (String id : accepted) {
                await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
                    List<String> types = api.caseOf(id).getList("timeline.detailType", String.class);
                    assertThat(Collections.frequency(types, EventTypes.NEW_ACCOUNT_REQUESTED)).as(id).isEqualTo(1);
                    assertThat(Collections.frequency(types, EventTypes.NEW_ACCOUNT_APPROVED)).as(id).isEqualTo(1);
                    assertThat(Collections.frequency(types, EventTypes.ACCOUNT_OPENED)).as(id).isEqualTo(1);
                });
            }

            Map<String, Set<String>> opened = receiveAccountsOpened(sqs, queueUrl, accepted);
            for (String id : accepted) {
                assertThat(opened.get(id)).as("accounts opened on the bus for " + id)
                        .containsExactly(accountOf.get(id));
            }
        }
    }

    private static String subscribeToAccountsOpened(EventBridgeClient events, SqsClient sqs) {
        String queueUrl = sqs.createQueue(b -> b.queueName(QUEUE)).queueUrl();
        String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        events.putRule(b -> b.name(QUEUE).eventBusName(EventTypes.DEFAULT_BUS_NAME)
                .eventPattern("{\"source\":[\"" + EventTypes.SOURCE_ACCOUNTS + "\"],\"detail-type\":[\""
                        + EventTypes.ACCOUNT_OPENED + "\"]}"));
        events.putTargets(b -> b.rule(QUEUE).eventBusName(EventTypes.DEFAULT_BUS_NAME)
                .targets(Target.builder().id("crash-test").arn(queueArn).build()));
        return queueUrl;
    }

    /** Every account number the bus carried in "Account opened" per application, until each has one. */
    private static Map<String, Set<String>> receiveAccountsOpened(SqsClient sqs, String queueUrl, Set<String> ids) {
        Map<String, Set<String>> opened = new HashMap<>();
        long quietSince = System.nanoTime();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        // read until every application has its event and then 5 s more, so a late copy is counted too
        while (System.nanoTime() < deadline
                && (!opened.keySet().containsAll(ids) || System.nanoTime() - quietSince < 5_000_000_000L)) {
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(1)
                    .maxNumberOfMessages(10)).messages();
            for (Message message : messages) {
                JsonNode event = read(message.body());
                opened.computeIfAbsent(event.at("/detail/applicationId").asText(), key -> new HashSet<>())
                        .add(event.at("/detail/accountNumber").asText());
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
            if (!messages.isEmpty() || !opened.keySet().containsAll(ids)) {
                quietSince = System.nanoTime();
            }
        }
        return opened;
    }

    private static JsonNode read(String json) {
        try {
            return EventContracts.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Staff submitting at a steady rate, each POST on its own; only 201s count as accepted. */
    private static final class Load {
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        private final URI uri;
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        private final java.util.concurrent.ExecutorService senders = Executors.newFixedThreadPool(8);
        private final Set<String> accepted = ConcurrentHashMap.newKeySet();
        private final AtomicInteger refused = new AtomicInteger();
        private final String authorization = "Basic " + Base64.getEncoder()
                .encodeToString("staff:staff".getBytes(StandardCharsets.UTF_8));

        Load(SuiteSettings settings) {
            this.uri = URI.create("http://127.0.0.1:" + settings.port(SuiteSettings.ACCOUNTS) + "/applications");
        }

        void start() {
            timer.scheduleAtFixedRate(() -> senders.execute(this::submitOne), 0, 1000 / RATE_PER_SECOND,
                    TimeUnit.MILLISECONDS);
        }

        private void submitOne() {
            try {
                String body = EventContracts.mapper().writeValueAsString(Applicants.lowRisk());
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                        .header("Authorization", authorization).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 201) {
                    accepted.add(EventContracts.mapper().readTree(response.body()).get("id").asText());
                } else {
                    refused.incrementAndGet();
                }
            } catch (java.io.IOException e) {
                refused.incrementAndGet(); // accounts-service is down: the POST was never accepted
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void stop() throws InterruptedException {
            timer.shutdownNow();
            senders.shutdown();
            senders.awaitTermination(30, TimeUnit.SECONDS);
        }

        Set<String> accepted() {
            return Set.copyOf(accepted);
        }
    }
}
