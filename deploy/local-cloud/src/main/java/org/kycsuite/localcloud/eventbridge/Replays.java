package org.kycsuite.localcloud.eventbridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import org.kycsuite.localcloud.Arns;
import org.kycsuite.localcloud.archive.Archives;
import org.kycsuite.localcloud.edge.AwsServiceException;
import org.kycsuite.localcloud.edge.Json;
import org.kycsuite.localcloud.store.DocumentStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * StartReplay / DescribeReplay: re-sends an archive's events from a time window to the rules of its
 * bus (or the rules in {@code Destination.FilterArns}), each marked with {@code replay-name}.
 *
 * <p>A replay runs on its own thread in pages; its progress (the last archived row sent) is stored
 * after each page, so a replay interrupted by a restart resumes there — at-least-once, like the rest
 * of delivery.
 */
public final class Replays implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Replays.class);
    private static final String KIND = "replay";
    private static final String PROGRESS = "LastArchivedRow";
    private static final Pattern NAME = Pattern.compile("[\\.\\-_A-Za-z0-9]{1,64}");
    private static final int PAGE = 100;

    private final DocumentStore store;
    private final ObjectMapper mapper;
    private final Arns arns;
    private final Archives archives;
    private final EventIngestion ingestion;
    private volatile boolean closed;
    private final Map<String, ObjectNode> replays = new ConcurrentHashMap<>();
    private final ExecutorService runner = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "bus-replay");
        thread.setDaemon(true);
        return thread;
    });

    public Replays(DocumentStore store, ObjectMapper mapper, Arns arns, Archives archives, EventIngestion ingestion) {
        this.store = store;
        this.mapper = mapper;
        this.arns = arns;
        this.archives = archives;
        this.ingestion = ingestion;
        replays.putAll(store.all(KIND));
        replays.values().stream()
                .filter(replay -> List.of("STARTING", "RUNNING").contains(replay.get("State").asText()))
                .forEach(replay -> runner.execute(() -> run(replay.get("ReplayName").asText())));
    }

    public synchronized JsonNode start(JsonNode request) {
        String name = Json.required(request, "ReplayName");
        if (!NAME.matcher(name).matches()) {
            throw AwsServiceException.validation("Replay name " + name + " is not valid.");
        }
        if (replays.containsKey(name)) {
            throw new AwsServiceException(400, "ResourceAlreadyExistsException", "Replay " + name
                    + " already exists.");
        }
        ObjectNode archive = archives.requireByArn(Json.required(request, "EventSourceArn"));
        Instant from = Json.instant(request.get("EventStartTime"));
        Instant to = Json.instant(request.get("EventEndTime"));
        if (from == null || to == null || !from.isBefore(to)) {
            throw AwsServiceException.validation("EventStartTime must be before EventEndTime.");
        }
        JsonNode destination = request.path("Destination");
        String busArn = destination.path("Arn").asText("");
        if (!Arns.busName(busArn).equals(Arns.busName(archive.get("EventSourceArn").asText()))) {
            throw AwsServiceException.validation("Parameter Destination.Arn is not valid. Reason: Cross event bus "
                    + "replay is not permitted.");
        }
        Instant now = Instant.now();
        ObjectNode replay = mapper.createObjectNode().put("ReplayName", name).put("ReplayArn", arns.replay(name));
        if (request.hasNonNull("Description")) {
            replay.put("Description", request.get("Description").asText());
        }
        replay.put("State", "STARTING").put("EventSourceArn", archive.get("ArchiveArn").asText());
        replay.set("Destination", destination.deepCopy());
        replay.put("EventStartTime", Json.epochSeconds(from)).put("EventEndTime", Json.epochSeconds(to))
                .put("ReplayStartTime", Json.epochSeconds(now)).put(PROGRESS, 0L);
        save(replay);
        runner.execute(() -> run(name));
        return mapper.createObjectNode().put("ReplayArn", replay.get("ReplayArn").asText()).put("State", "STARTING")
                .put("ReplayStartTime", Json.epochSeconds(now));
    }

    public JsonNode describe(JsonNode request) {
        String name = Json.required(request, "ReplayName");
        ObjectNode replay = replays.get(name);
        if (replay == null) {
            throw AwsServiceException.notFound("Replay " + name + " does not exist.");
        }
        ObjectNode copy = replay.deepCopy();
        copy.remove(PROGRESS);
        return copy;
    }

    private void run(String name) {
        ObjectNode replay = replays.get(name).deepCopy();
        try {
            replay.put("State", "RUNNING");
            save(replay);
            String archive = Arns.resourceName(replay.get("EventSourceArn").asText());
            String bus = Arns.busName(replay.path("Destination").path("Arn").asText());
            List<String> filter = new ArrayList<>();
            replay.path("Destination").path("FilterArns").forEach(arn -> filter.add(arn.asText()));
            long from = Json.instant(replay.get("EventStartTime")).toEpochMilli();
            long to = Json.instant(replay.get("EventEndTime")).toEpochMilli();
            List<Archives.StoredEvent> page;
            do {
                page = archives.events(archive, from, to, replay.get(PROGRESS).asLong(), PAGE);
                List<String> events = new ArrayList<>();
                for (Archives.StoredEvent stored : page) {
                    ObjectNode event = (ObjectNode) mapper.readTree(stored.event());
                    event.put("replay-name", name);
                    events.add(event.toString());
                }
                ingestion.replay(bus, events, filter);
                if (!page.isEmpty()) {
                    Archives.StoredEvent last = page.get(page.size() - 1);
                    replay.put(PROGRESS, last.id()).put("EventLastReplayedTime",
                            Json.epochSeconds(Instant.ofEpochMilli(last.ingestedAtMillis())));
                    save(replay);
                }
            } while (page.size() == PAGE && !closed);
            if (closed) {
                return;
            }
            replay.put("State", "COMPLETED").put("ReplayEndTime", Json.epochSeconds(Instant.now()));
            save(replay);
            LOG.info("Replay {} completed", name);
        } catch (Exception e) {
            if (closed) {
                // Stopped by shutdown: stays RUNNING, so the next start resumes it.
                return;
            }
            LOG.error("Replay {} failed", name, e);
            replay.put("State", "FAILED").put("StateReason", String.valueOf(e.getMessage()));
            save(replay);
        }
    }

    private void save(ObjectNode replay) {
        String name = replay.get("ReplayName").asText();
        store.put(KIND, name, replay);
        replays.put(name, replay.deepCopy());
    }

    @Override
    public void close() {
        closed = true;
        runner.shutdownNow();
    }
}
