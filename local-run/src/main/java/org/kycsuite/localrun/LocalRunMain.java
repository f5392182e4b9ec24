package org.kycsuite.localrun;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./run-local}: starts the suite on its embedded defaults, prints where everything is, and
 * stops it all on Ctrl-C. Exit codes: 0 after a clean stop, 2 when a port is taken or a jar is
 * missing, 1 when a process does not become healthy.
 */
public final class LocalRunMain {

    private LocalRunMain() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        LocalSuite suite = new LocalSuite(SuiteSettings.defaults(root));

        List<Path> missing = suite.missingArtifacts();
        if (!missing.isEmpty()) {
            System.err.println("run-local: not built yet: " + missing + " (run ./run-local, which builds them)");
            System.exit(2);
        }
        List<String> taken = PortCheck.taken(suite.ports());
        if (!taken.isEmpty()) {
            taken.forEach(message -> System.err.println("run-local: " + message));
            System.exit(2);
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("run-local: stopping...");
            try {
                suite.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.println("run-local: stopped; data kept in " + suite.settings().dataDir());
            stopped.countDown();
        }, "run-local-shutdown"));

        out.println("run-local: logs in " + suite.settings().logDir());
        try {
            for (ManagedProcess process : suite.processes()) {
                out.println("run-local: starting " + process.name() + " ...");
                suite.start(process.name());
            }
        } catch (IllegalStateException e) {
            System.err.println("run-local: " + e.getMessage());
            System.exit(1);
        }
        Banner.print(out, suite.settings());
        stopped.await();
    }
}
