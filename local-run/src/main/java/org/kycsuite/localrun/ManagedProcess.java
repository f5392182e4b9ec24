package org.kycsuite.localrun;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One process of the suite: how to start it, where it logs, and the URL that says it is healthy.
 *
 * <p>Output goes to a log file, not to the launcher's console, so a Ctrl-C run leaves one folder of
 * logs to read afterwards.
 */
public final class ManagedProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final URI healthUrl;
    private final Path logFile;
    private final Path workingDirectory;
    private Process process;

    public ManagedProcess(String name, List<String> command, Map<String, String> environment, URI healthUrl,
                          Path logFile, Path workingDirectory) {
        this.name = name;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.healthUrl = healthUrl;
        this.logFile = logFile;
        this.workingDirectory = workingDirectory;
    }

    public String name() {
        return name;
    }

    public URI healthUrl() {
        return healthUrl;
    }

    public Path logFile() {
        return logFile;
    }

    /** Starts the process, appending its output to the log file (a restart keeps the earlier log). */
    public synchronized void start() throws IOException {
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        Files.createDirectories(logFile.getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(environment);
        process = builder.start();
    }

    /** Waits until the health URL answers 200, failing early if the process dies. */
    public void awaitHealthy(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue() + "; see "
                        + logFile);
            }
            if (isHealthy()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " was not healthy after " + timeout.toSeconds() + " s; see " + logFile);
    }

    /** True when the health URL answers 200 right now. */
    public boolean isHealthy() {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(healthUrl).timeout(Duration.ofSeconds(2))
                    .GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Asks the process to stop (SIGTERM), and kills it if it has not stopped within the grace period. */
    public synchronized void stop(Duration grace) throws InterruptedException {
        if (!isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /** Kills the process at once (SIGKILL), as a crash would: nothing gets to shut down cleanly. */
    public synchronized void kill() throws InterruptedException {
        if (isAlive()) {
            process.destroyForcibly().waitFor();
        }
    }
}
