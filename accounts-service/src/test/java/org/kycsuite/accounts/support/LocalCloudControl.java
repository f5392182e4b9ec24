package org.kycsuite.accounts.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.kycsuite.events.EventContracts;
import org.kycsuite.localcloud.LocalCloud;
import org.kycsuite.localcloud.LocalCloudConfig;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Starts, stops and restarts the tests' local cloud on fixed ports and one data directory; talks to it. */
public final class LocalCloudControl {

    /** The queue a test rule fills with every {@code bank.accounts} event. */
    public static final String TEST_QUEUE = "accounts-test-events";

    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    private final LocalCloudConfig config;
    private final Map<String, List<JsonNode>> receivedByApplication = new ConcurrentHashMap<>();
    private volatile LocalCloud cloud;

    LocalCloudControl(Path dataDir, int edgePort, int sqsPort, Path template) {
        this.config = LocalCloudConfig.ephemeral(dataDir).withPorts(edgePort, sqsPort)
                .withTemplate(template, Map.of("MaxReceiveCount", "2", "ConsumerVisibilityTimeout", "2"));
    }

    public synchronized void start() {
        System.setProperty(LocalCloud.RETRY_BASE_MILLIS_PROPERTY, "200");
        cloud = LocalCloud.start(config);
    }

    public synchronized void stop() {
        if (cloud != null) {
            cloud.close();
            cloud = null;
        }
    }

    public URI edgeEndpoint() {
        return URI.create("http://" + config.host() + ":" + config.edgePort());
    }

    public URI sqsEndpoint() {
        return URI.create("http://" + config.host() + ":" + config.sqsPort());
    }

    public String queueUrl(String name) {
        return sqsEndpoint() + "/" + config.accountId() + "/" + name;
    }

    public EventBridgeClient eventBridge() {
        return EventBridgeClient.builder().endpointOverride(edgeEndpoint()).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
    }

    public SqsClient sqs() {
        return SqsClient.builder().endpointOverride(sqsEndpoint()).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
    }

    void subscribeTestQueue() {
        try (SqsClient sqs = sqs(); EventBridgeClient events = eventBridge()) {
            String url = sqs.createQueue(b -> b.queueName(TEST_QUEUE)).queueUrl();
            String arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            events.putRule(b -> b.name("accounts-events-to-test").eventBusName("kyc-bus")
                    .eventPattern("{\"source\":[\"bank.accounts\"]}"));
            events.putTargets(b -> b.rule("accounts-events-to-test").eventBusName("kyc-bus")
                    .targets(t -> t.id("testQueue").arn(arn)));
        }
    }

    /**
     * The {@code bank.accounts} events received so far for {@code applicationId}, waiting up to
     * {@code timeout} until there are at least {@code count}. Every message read from the test queue
     * is kept, by application, so tests do not steal each other's events.
     */
    public List<JsonNode> accountsEvents(String applicationId, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (SqsClient sqs = sqs()) {
            while (events(applicationId).size() < count && System.nanoTime() < deadline) {
                for (Message message : sqs.receiveMessage(b -> b.queueUrl(queueUrl(TEST_QUEUE))
                        .maxNumberOfMessages(10).waitTimeSeconds(1)).messages()) {
                    JsonNode event = parse(message.body());
                    events(event.at("/detail/applicationId").asText()).add(event);
                    sqs.deleteMessage(b -> b.queueUrl(queueUrl(TEST_QUEUE)).receiptHandle(message.receiptHandle()));
                }
            }
        }
        return new ArrayList<>(events(applicationId));
    }

    private List<JsonNode> events(String applicationId) {
        return receivedByApplication.computeIfAbsent(applicationId, id -> new CopyOnWriteArrayList<>());
    }

    private static JsonNode parse(String body) {
        try {
            return EventContracts.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
