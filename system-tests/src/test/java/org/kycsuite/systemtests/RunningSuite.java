package org.kycsuite.systemtests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.kycsuite.localrun.LocalSuite;
import org.kycsuite.localrun.PortCheck;
import org.kycsuite.localrun.SuiteSettings;

/**
 * Starts the real suite once for all system tests, exactly as {@code ./run-local} does (same
 * launcher, same packaged jars), on a fresh data directory and a short review timeout.
 */
public final class RunningSuite implements BeforeAllCallback, ExtensionContext.Store.CloseableResource,
        AutoCloseable {

    /** Short enough for a test to wait it out, long enough for a test to decide in time. */
    public static final int REVIEW_TIMEOUT_SECONDS = 25;

    private static LocalSuite suite;

    @Override
    public synchronized void beforeAll(ExtensionContext context) throws Exception {
        if (suite != null) {
            return;
        }
        Path root = Path.of(System.getProperty("suite.root", "..")).toAbsolutePath().normalize();
        Path data = Path.of(System.getProperty("suite.data", "target/suite-data")).toAbsolutePath();
        deleteRecursively(data);
        SuiteSettings settings = SuiteSettings.defaults(root).withDataDir(data)
                .withTemplateParameters(Map.of("ReviewTimeoutSeconds", String.valueOf(REVIEW_TIMEOUT_SECONDS)));
        LocalSuite candidate = new LocalSuite(settings);
        List<Path> missing = candidate.missingArtifacts();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("System tests need the packaged suite; missing " + missing);
        }
        List<String> taken = PortCheck.taken(candidate.ports());
        if (!taken.isEmpty()) {
            throw new IllegalStateException("System tests need the suite's ports (is ./run-local running?): " + taken);
        }
        candidate.start();
        suite = candidate;
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(RunningSuite.class.getName(), this);
    }

    /** The running suite, for tests that kill and restart its processes. */
    public static LocalSuite suite() {
        return suite;
    }

    @Override
    public void close() throws Exception {
        if (suite != null) {
            suite.close();
            suite = null;
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
