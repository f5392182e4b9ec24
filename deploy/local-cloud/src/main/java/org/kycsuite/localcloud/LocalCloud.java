package org.kycsuite.localcloud;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.kycsuite.localcloud.archive.Archives;
import org.kycsuite.localcloud.bus.EventBuses;
import org.kycsuite.localcloud.delivery.DeliveryStore;
import org.kycsuite.localcloud.delivery.Dispatcher;
import org.kycsuite.localcloud.edge.EdgeServer;
import org.kycsuite.localcloud.eventbridge.EventBridgeService;
import org.kycsuite.localcloud.eventbridge.EventIngestion;
import org.kycsuite.localcloud.eventbridge.Replays;
import org.kycsuite.localcloud.rule.Rules;
import org.kycsuite.localcloud.sfn.api.StepFunctions;
import org.kycsuite.localcloud.sfn.integrations.FunctionUrls;
import org.kycsuite.localcloud.sqs.EmbeddedSqs;
import org.kycsuite.localcloud.sqs.SqsJsonClient;
import org.kycsuite.localcloud.store.Database;
import org.kycsuite.localcloud.store.DocumentStore;
import org.kycsuite.localcloud.target.TargetInvoker;
import org.kycsuite.localcloud.template.BusResourceProvisioners;
import org.kycsuite.localcloud.template.ResourceProvisioners;
import org.kycsuite.localcloud.template.TemplateProvisioner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local cloud: EventBridge, SQS and Step Functions for a local run and for tests, on the real
 * AWS wire protocols. {@link #start(LocalCloudConfig)} returns once every port accepts requests
 * and the template is provisioned; {@link #close()} stops everything (durable state stays on disk).
 */
public final class LocalCloud implements AutoCloseable {

    /** The first retry's delay for failed deliveries; later retries double it. A system property for tests. */
    public static final String RETRY_BASE_MILLIS_PROPERTY = "kyc.localcloud.retry-base-millis";

    private static final Logger LOG = LoggerFactory.getLogger(LocalCloud.class);

    private final LocalCloudConfig config;
    private final ObjectMapper mapper;
    private final EdgeServer edge;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private EmbeddedSqs sqs;
    private EventIngestion ingestion;
    private DeliveryStore deliveries;
    private Dispatcher dispatcher;
    private StepFunctions stepFunctions;

    private LocalCloud(LocalCloudConfig config) throws IOException {
        this.config = config;
        this.mapper = JsonMapper.builder().addModule(new JavaTimeModule()).build();
        Files.createDirectories(config.dataDir());
        this.edge = new EdgeServer(config.host(), config.edgePort(), mapper);
        edge.jsonRoute("/health", () -> mapper.createObjectNode().put("status", "UP"));
    }

    /**
     * Starts a local cloud; the caller closes it.
     *
     * @throws PortInUseException when the edge or SQS port is taken
     */
    public static LocalCloud start(LocalCloudConfig config) {
        LocalCloud cloud;
        try {
            cloud = new LocalCloud(config);
        } catch (BindException e) {
            throw new PortInUseException("Edge port " + config.edgePort() + " on " + config.host()
                    + " is already in use", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the local cloud: " + e.getMessage(), e);
        }
        try {
            cloud.wire();
            return cloud;
        } catch (RuntimeException e) {
            cloud.close();
            throw e;
        }
    }

    private void wire() {
        Database database = Database.open(config.dataDir());
        closeables.add(database);
        try {
            sqs = EmbeddedSqs.start(config.host(), config.sqsPort(), config.dataDir(), config.region(),
                    config.accountId());
        } catch (EmbeddedSqs.SqsStartException e) {
            throw e.getMessage().contains("already in use") ? new PortInUseException(e.getMessage(), e) : e;
        }
        closeables.add(sqs);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .version(HttpClient.Version.HTTP_1_1).build();
        SqsJsonClient sqsClient = new SqsJsonClient(http, mapper, sqs.endpoint());
        Arns arns = new Arns(config.region(), config.accountId());
        DocumentStore documents = new DocumentStore(database, mapper);
        EventBuses buses = new EventBuses(documents, mapper, arns);
        Rules rules = new Rules(documents, mapper, arns, buses);
        Archives archives = new Archives(documents, database, config.dataDir(), mapper, arns, buses);
        closeables.add(archives);
        deliveries = new DeliveryStore(config.dataDir(), database);
        closeables.add(deliveries);

        // The Step Functions engine (local cloud part 2): its API on the edge, provisioners for state
        // machines and functions, and the bus's starter for state machine targets.
        FunctionUrls functions = new FunctionUrls(config.functionUrls());
        StepFunctions.LazyPublisher publisher = new StepFunctions.LazyPublisher();
        stepFunctions = StepFunctions.create(new StepFunctions.Wiring(database, config.dataDir(),
                documents, mapper, arns, http, sqsClient), functions, publisher);
        closeables.add(stepFunctions);
        StateMachineStarter stateMachines = stepFunctions.starter();
        ResourceProvisioners provisioners = BusResourceProvisioners.register(new ResourceProvisioners(), mapper,
                buses, rules, archives, sqsClient);
        stepFunctions.attach(edge, provisioners, functions);

        TargetInvoker targets = new TargetInvoker(sqsClient, sqs.endpoint(), sqs.localQueues(), config.accountId(),
                stateMachines, config.functionUrls(), http);
        dispatcher = new Dispatcher(deliveries, targets, mapper,
                Long.getLong(RETRY_BASE_MILLIS_PROPERTY, 1000L));
        closeables.add(dispatcher);
        ingestion = new EventIngestion(mapper, arns, buses, rules, archives, deliveries, dispatcher::submit);
        Replays replays = new Replays(documents, mapper, arns, archives, ingestion);
        closeables.add(replays);
        edge.register(new EventBridgeService(mapper, buses, rules, ingestion, archives, replays));
        publisher.set(ingestion);

        if (config.template() != null) {
            new TemplateProvisioner(mapper, arns, config.parameters(), provisioners,
                    sqs.endpoint() + "/" + config.accountId() + "/").provision(config.template());
        }

        dispatcher.start();
        edge.start();
        stepFunctions.resume();
        LOG.info("Local cloud ready: edge {} (EventBridge, Step Functions), SQS {}, data {}", edgeEndpoint(),
                sqs.endpoint(), config.dataDir().toAbsolutePath());
    }

    /** The edge endpoint for EventBridge and Step Functions clients ({@code endpointOverride}). */
    public URI edgeEndpoint() {
        return URI.create("http://" + config.host() + ":" + edge.port());
    }

    /** The SQS endpoint for SQS clients ({@code endpointOverride}). */
    public URI sqsEndpoint() {
        return URI.create(sqs.endpoint());
    }

    /** The URL of a queue, as SQS reports it. */
    public String queueUrl(String queueName) {
        return sqs.queueUrl(queueName);
    }

    /** PutEvents from inside the process, with the same validation, durability and routing as the API. */
    public EventPublisher eventPublisher() {
        return ingestion;
    }

    /** Deliveries accepted but not yet handed to their target (or dead-letter queue). */
    public long pendingDeliveries() {
        return deliveries.pending();
    }

    /** Threads running Step Functions executions now; executions waiting for a token or a Wait hold none. */
    public int executionThreads() {
        return stepFunctions.executionThreads();
    }

    public LocalCloudConfig config() {
        return config;
    }

    ObjectMapper mapper() {
        return mapper;
    }

    EdgeServer edge() {
        return edge;
    }

    @Override
    public void close() {
        edge.close();
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                LOG.warn("Stopping {} failed", closeables.get(i), e);
            }
        }
        closeables.clear();
    }

    /** A port the local cloud needs is taken by another process. */
    public static final class PortInUseException extends RuntimeException {
        public PortInUseException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
