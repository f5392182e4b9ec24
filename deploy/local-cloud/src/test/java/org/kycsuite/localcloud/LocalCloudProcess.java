package org.kycsuite.localcloud;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/** A local cloud in a process of its own (this test classpath), for tests that {@code kill -9} it. */
public final class LocalCloudProcess {

    private LocalCloudProcess() {
    }

    /** Starts it on {@code dataDir} without a template; its output goes to {@code process.log} there. */
    public static Process launch(Path dataDir, int edgePort, int sqsPort) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "org.kycsuite.localcloud.LocalCloudMain", "--data-dir", dataDir.toString(), "--edge-port",
                String.valueOf(edgePort), "--sqs-port", String.valueOf(sqsPort), "--no-template");
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                dataDir.resolve("process.log").toFile()));
        return builder.start();
    }

    /** Waits until {@code /health} answers on {@code edgePort}; fails at once if the process exits. */
    public static void awaitReady(Process process, int edgePort) {
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("local cloud process exited with " + process.exitValue());
            }
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + edgePort + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        });
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
