package org.kycsuite.localcloud;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the local cloud listens, where it keeps its data and what it provisions.
 *
 * @param host interface to bind, {@code 127.0.0.1} by default (nothing here is for other machines)
 * @param edgePort the AWS JSON protocol port (EventBridge, Step Functions), 4566 by default; 0 picks a free one
 * @param sqsPort the SQS (ElasticMQ) port, 9324 by default; 0 picks a free one
 * @param dataDir where durable state lives (H2 files, queues); {@code ./.local-cloud} by default
 * @param template the SAM template to provision from, or {@code null} to start empty
 * @param parameters template parameter overrides
 * @param functionUrls Lambda function name → base URL serving Lambda's Invoke path
 * @param accountId the account id in ARNs and events
 * @param region the region in ARNs and events
 */
public record LocalCloudConfig(String host, int edgePort, int sqsPort, Path dataDir, Path template,
                               Map<String, String> parameters, Map<String, String> functionUrls,
                               String accountId, String region) {

    public static final String DEFAULT_ACCOUNT = "000000000000";
    public static final String DEFAULT_REGION = "us-east-1";

    /** The defaults of a local run: fixed ports, data under {@code ./.local-cloud}, no template. */
    public static LocalCloudConfig defaults() {
        return new LocalCloudConfig("127.0.0.1", 4566, 9324, Path.of(".local-cloud"), null, Map.of(), Map.of(),
                DEFAULT_ACCOUNT, DEFAULT_REGION);
    }

    /** For tests: free ports and a data directory of the caller's choosing. */
    public static LocalCloudConfig ephemeral(Path dataDir) {
        return new LocalCloudConfig("127.0.0.1", 0, 0, dataDir, null, Map.of(), Map.of(), DEFAULT_ACCOUNT,
                DEFAULT_REGION);
    }

    public LocalCloudConfig withTemplate(Path newTemplate, Map<String, String> newParameters) {
        return new LocalCloudConfig(host, edgePort, sqsPort, dataDir, newTemplate, newParameters, functionUrls,
                accountId, region);
    }

    public LocalCloudConfig withFunctionUrls(Map<String, String> newFunctionUrls) {
        return new LocalCloudConfig(host, edgePort, sqsPort, dataDir, template, parameters, newFunctionUrls,
                accountId, region);
    }

    public LocalCloudConfig withPorts(int newEdgePort, int newSqsPort) {
        return new LocalCloudConfig(host, newEdgePort, newSqsPort, dataDir, template, parameters, functionUrls,
                accountId, region);
    }
}
