package org.kycsuite.localrun;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole suite as real processes: the local cloud first (the services' queues must exist before
 * they start), then the three services. Used by {@code ./run-local} and by the system tests, so both
 * start exactly the same thing.
 */
public final class LocalSuite implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final SuiteSettings settings;
    private final Map<String, ManagedProcess> processes = new LinkedHashMap<>();

    public LocalSuite(SuiteSettings settings) {
        this.settings = settings;
        processes.put(SuiteSettings.LOCAL_CLOUD, localCloud());
        for (String service : List.of(SuiteSettings.KYC, SuiteSettings.ACCOUNTS, SuiteSettings.CUSTOMER_SERVICE)) {
            processes.put(service, service(service));
        }
    }

    /** Every port the suite needs, by owner, for the check before starting. */
    public Map<String, Integer> ports() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("local cloud EventBridge/Step Functions", settings.edgePort());
        ports.put("local cloud SQS", settings.sqsPort());
        settings.servicePorts().forEach(ports::put);
        return ports;
    }

    /** The jars the suite runs; missing ones mean the build has not run yet. */
    public List<Path> missingArtifacts() {
        List<Path> missing = new ArrayList<>();
        for (Path jar : List.of(localCloudJar(), serviceJar(SuiteSettings.ACCOUNTS), serviceJar(SuiteSettings.KYC),
                serviceJar(SuiteSettings.CUSTOMER_SERVICE))) {
            if (!Files.isRegularFile(jar)) {
                missing.add(jar);
            }
        }
        return missing;
    }

    /** Starts every process in order, each healthy before the next starts. */
    public void start() throws IOException, InterruptedException {
        Files.createDirectories(settings.dataDir());
        for (ManagedProcess process : processes.values()) {
            start(process);
        }
    }

    /** Starts one process (again) and waits until it is healthy. */
    public void start(String name) throws IOException, InterruptedException {
        start(process(name));
    }

    private void start(ManagedProcess process) throws IOException, InterruptedException {
        process.start();
        process.awaitHealthy(START_TIMEOUT);
    }

    /** Kills one process with SIGKILL, as a crash would. */
    public void kill(String name) throws InterruptedException {
        process(name).kill();
    }

    public ManagedProcess process(String name) {
        ManagedProcess process = processes.get(name);
        if (process == null) {
            throw new IllegalArgumentException("No process " + name + "; known: " + processes.keySet());
        }
        return process;
    }

    public List<ManagedProcess> processes() {
        return List.copyOf(processes.values());
    }

    public SuiteSettings settings() {
        return settings;
    }

    /** Stops the services first, then the local cloud, each with a grace period. */
    @Override
    public void close() throws InterruptedException {
        List<ManagedProcess> reversed = new ArrayList<>(processes.values());
        java.util.Collections.reverse(reversed);
        for (ManagedProcess process : reversed) {
            process.stop(STOP_GRACE);
        }
    }

    /**
     * Four JVMs share the two cores of a developer machine. Measured with the bench (50 applications/s):
     * the optimising C2 compiler spent more CPU in the first minutes than the work itself (accounts 38 s of
     * compile threads against 17 s of request threads) and grew the local cloud's RSS to 866 MiB; with the
     * quick C1 compiler only, the first run decided 33 instead of 18 applications/s (p50 16 s instead of
     * 40 s), warm runs were faster too (p50 4 s instead of 6.5 s) and the four processes stayed at ~1.5 GiB.
     * Production images choose their own JVM flags; see docs/benchmarks.md.
     */
    static final String QUICK_JIT = "-XX:TieredStopAtLevel=1";

    /**
     * Class data sharing for the local cloud: its first clean stop writes the classes it loaded to
     * {@code .data/cds/local-cloud.jsa}; later starts map them instead of loading and verifying them
     * again. Measured: ready in 1.7 s instead of 3.6 s, idle RSS 138 instead of 151 MiB. An archive older
     * than its jar is deleted and written again at the next stop; a JVM that cannot use an archive runs
     * without it; the dump's warnings about classes CDS cannot keep are not logged. Not for the Quarkus
     * services: their classes load through Quarkus' own class loader, which CDS does not archive, and
     * the dumps made the suite's first start 10 s and its first stop 40 s slower for ~1 s gained later.
     */
    static List<String> classDataSharing(Path archive, Path jar) {
        try {
            Files.createDirectories(archive.getParent());
            if (Files.exists(archive) && Files.exists(jar)
                    && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) > 0) {
                return List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
            }
            Files.deleteIfExists(archive);
            return List.of("-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
        } catch (IOException e) {
            return List.of();
        }
    }

    private List<String> jvm(String name, String heap, Path jar) {
        List<String> options = new ArrayList<>(List.of(java(), heap, QUICK_JIT));
        if (SuiteSettings.LOCAL_CLOUD.equals(name)) {
            options.addAll(classDataSharing(settings.repoRoot().resolve(".data").resolve("cds")
                    .resolve(name + ".jsa"), jar));
        }
        options.add("-jar");
        options.add(jar.toString());
        return options;
    }

    private ManagedProcess localCloud() {
        List<String> command = jvm(SuiteSettings.LOCAL_CLOUD, "-Xmx512m", localCloudJar());
        command.addAll(List.of("--edge-port", String.valueOf(settings.edgePort()),
                "--sqs-port", String.valueOf(settings.sqsPort()),
                "--data-dir", settings.dataDir().resolve("local-cloud").toString(),
                "--template", settings.repoRoot().resolve("deploy/aws/template.yaml").toString()));
        String kycUrl = "http://127.0.0.1:" + settings.port(SuiteSettings.KYC);
        for (String function : List.of("identity-check", "risk-assessment")) {
            command.add("--function");
            command.add(function + "=" + kycUrl);
        }
        settings.templateParameters().forEach((key, value) -> {
            command.add("--parameter");
            command.add(key + "=" + value);
        });
        return new ManagedProcess(SuiteSettings.LOCAL_CLOUD, command, Map.of(),
                URI.create("http://127.0.0.1:" + settings.edgePort() + "/health"),
                settings.logDir().resolve("local-cloud.log"), settings.repoRoot());
    }

    private ManagedProcess service(String name) {
        int port = settings.port(name);
        Path database = settings.dataDir().resolve(name).resolve("db").toAbsolutePath();
        Map<String, String> environment = Map.of(
                "QUARKUS_HTTP_PORT", String.valueOf(port),
                // WRITE_DELAY=0: a commit is on disk before the service answers, so a crash loses no
                // acknowledged application (H2 otherwise flushes commits up to 500 ms later).
                "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:h2:file:" + database + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
        List<String> command = jvm(name, "-Xmx384m", serviceJar(name));
        return new ManagedProcess(name, command, environment, URI.create("http://127.0.0.1:" + port + "/q/health/ready"),
                settings.logDir().resolve(name + ".log"), settings.repoRoot());
    }

    private Path localCloudJar() {
        return settings.repoRoot().resolve("deploy/local-cloud/target/local-cloud.jar");
    }

    private Path serviceJar(String name) {
        Path module = SuiteSettings.KYC.equals(name) ? Path.of("kyc-service", "service") : Path.of(name);
        return settings.repoRoot().resolve(module).resolve("target/local-app/quarkus-run.jar");
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
