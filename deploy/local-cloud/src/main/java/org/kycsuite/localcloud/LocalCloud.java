package org.kycsuite.localcloud;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.kycsuite.localcloud.edge.EdgeServer;

/**
 * The local cloud: EventBridge, SQS and Step Functions for a local run and for tests, on the real
 * AWS wire protocols. {@link #start(LocalCloudConfig)} returns once every port accepts requests
 * and the template is provisioned; {@link #close()} stops everything (durable state stays on disk).
 */
public final class LocalCloud implements AutoCloseable {

    private final LocalCloudConfig config;
    private final ObjectMapper mapper;
    private final EdgeServer edge;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    private LocalCloud(LocalCloudConfig config) throws IOException {
        this.config = config;
        this.mapper = JsonMapper.builder().addModule(new JavaTimeModule()).build();
        Files.createDirectories(config.dataDir());
        this.edge = new EdgeServer(config.host(), config.edgePort(), mapper);
        edge.jsonRoute("/health", () -> mapper.createObjectNode().put("status", "UP"));
    }

    /** Starts a local cloud; the caller closes it. */
    public static LocalCloud start(LocalCloudConfig config) {
        try {
            LocalCloud cloud = new LocalCloud(config);
            cloud.edge.start();
            return cloud;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the local cloud: " + e.getMessage(), e);
        }
    }

    /** The edge endpoint for EventBridge and Step Functions clients ({@code endpointOverride}). */
    public URI edgeEndpoint() {
        return URI.create("http://" + config.host() + ":" + edge.port());
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
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(LocalCloud.class).warn("Stopping {} failed", closeables.get(i), e);
            }
        }
        edge.close();
    }
}
