package org.kycsuite.localcloud.edge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge port (4566 by default): dispatches AWS JSON protocol requests by {@code X-Amz-Target}
 * to the registered {@link AwsJsonService}s, and serves plain HTTP routes such as the health check.
 *
 * <p>The JDK's HTTP server is enough here: the local cloud serves a handful of local clients, and
 * it keeps the process free of a web framework.
 */
public final class EdgeServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EdgeServer.class);

    static {
        // The JDK server writes a response's headers and body as two segments; with Nagle's algorithm
        // on, the body waits for the client's delayed ACK of the headers: about 40 ms per call on
        // Linux loopback, the whole cost of a PutEvents. Read once, when the server classes load.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final ObjectMapper mapper;
    private final Map<String, AwsJsonService> services = new ConcurrentHashMap<>();
    private final HttpServer server;
    private final ExecutorService executor;
    private final LoopbackHostFilter hostCheck;

    public EdgeServer(String host, int port, ObjectMapper mapper) throws IOException {
        this.mapper = mapper;
        InetSocketAddress address = new InetSocketAddress(host, port);
        this.server = HttpServer.create(address, 128);
        this.hostCheck = address.getAddress() != null && address.getAddress().isLoopbackAddress()
                ? new LoopbackHostFilter(mapper) : null;
        this.executor = Executors.newFixedThreadPool(16, runnable -> {
            Thread thread = new Thread(runnable, "edge-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        guard(server.createContext("/", this::dispatch));
    }

    /** Registers a JSON protocol service; its prefix must be unique. */
    public void register(AwsJsonService service) {
        if (services.putIfAbsent(service.targetPrefix(), service) != null) {
            throw new IllegalStateException("Service already registered: " + service.targetPrefix());
        }
    }

    /** Registers a plain HTTP route (e.g. {@code /health}); the longest matching path wins. */
    public void route(String path, HttpHandler handler) {
        guard(server.createContext(path, handler));
    }

    /** On a loopback address every route refuses requests for other host names (DNS rebinding). */
    private void guard(HttpContext context) {
        if (hostCheck != null) {
            context.getFilters().add(hostCheck);
        }
    }

    /** Registers a plain JSON GET route whose body comes from {@code body}. */
    public void jsonRoute(String path, Supplier<JsonNode> body) {
        route(path, exchange -> respond(exchange, 200, "application/json", body.get()));
    }

    public void start() {
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (target == null || !"POST".equals(exchange.getRequestMethod())) {
            respondError(exchange, "application/x-amz-json-1.1",
                    new AwsServiceException(404, "UnknownOperationException", "No route for "
                            + exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath()));
            return;
        }
        int dot = target.indexOf('.');
        AwsJsonService service = dot < 0 ? null : services.get(target.substring(0, dot));
        if (service == null) {
            respondError(exchange, "application/x-amz-json-1.1",
                    new AwsServiceException(400, "UnknownOperationException", "Unknown target " + target));
            return;
        }
        String operation = target.substring(dot + 1);
        try {
            JsonNode request = readBody(exchange.getRequestBody());
            JsonNode response = service.handle(operation, request);
            respond(exchange, 200, service.contentType(), response == null ? mapper.createObjectNode() : response);
        } catch (AwsServiceException e) {
            respondError(exchange, service.contentType(), e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            respondError(exchange, service.contentType(),
                    new AwsServiceException(400, "SerializationException",
                            "Malformed JSON: " + e.getOriginalMessage()));
        } catch (RuntimeException e) {
            LOG.error("{} failed", target, e);
            respondError(exchange, service.contentType(),
                    new AwsServiceException(500, "InternalException", "Internal error: " + e.getMessage()));
        }
    }

    private JsonNode readBody(InputStream body) throws IOException {
        byte[] bytes = body.readAllBytes();
        if (bytes.length == 0) {
            return mapper.createObjectNode();
        }
        return mapper.readTree(bytes);
    }

    private void respondError(HttpExchange exchange, String contentType, AwsServiceException error)
            throws IOException {
        ObjectNode body = mapper.createObjectNode();
        body.put("__type", error.errorCode());
        body.put("message", error.getMessage());
        exchange.getResponseHeaders().add("x-amzn-ErrorType", error.errorCode());
        respond(exchange, error.status(), contentType, body);
    }

    private void respond(HttpExchange exchange, int status, String contentType, JsonNode body) throws IOException {
        byte[] bytes = mapper.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.getResponseHeaders().add("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
