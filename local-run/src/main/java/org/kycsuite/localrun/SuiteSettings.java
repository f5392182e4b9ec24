package org.kycsuite.localrun;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the suite's processes find their jars, keep their data and listen.
 *
 * @param repoRoot the repository root (jars and the SAM template are found from it)
 * @param dataDir durable state of every process (H2 files, queues, executions); kept between runs
 * @param logDir one log file per process
 * @param edgePort local cloud EventBridge + Step Functions port
 * @param sqsPort local cloud SQS port
 * @param servicePorts service name → HTTP port
 * @param templateParameters SAM template parameter overrides (e.g. a short review timeout in tests)
 */
public record SuiteSettings(Path repoRoot, Path dataDir, Path logDir, int edgePort, int sqsPort,
                            Map<String, Integer> servicePorts, Map<String, String> templateParameters) {

    public static final String ACCOUNTS = "accounts-service";
    public static final String KYC = "kyc-service";
    public static final String CUSTOMER_SERVICE = "customer-service-service";
    public static final String LOCAL_CLOUD = "local-cloud";

    /** The defaults of `./run-local`: the documented ports, state under `.data/` in the repository. */
    public static SuiteSettings defaults(Path repoRoot) {
        Path data = repoRoot.resolve(".data");
        return new SuiteSettings(repoRoot, data, data.resolve("logs"), 4566, 9324,
                Map.of(ACCOUNTS, 8081, KYC, 8082, CUSTOMER_SERVICE, 8083), Map.of());
    }

    public SuiteSettings withDataDir(Path newDataDir) {
        return new SuiteSettings(repoRoot, newDataDir, newDataDir.resolve("logs"), edgePort, sqsPort, servicePorts,
                templateParameters);
    }

    public SuiteSettings withTemplateParameters(Map<String, String> parameters) {
        return new SuiteSettings(repoRoot, dataDir, logDir, edgePort, sqsPort, servicePorts, Map.copyOf(parameters));
    }

    public int port(String service) {
        return servicePorts.get(service);
    }
}
