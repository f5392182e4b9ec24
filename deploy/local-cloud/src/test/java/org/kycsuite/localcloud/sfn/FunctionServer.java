package org.kycsuite.localcloud.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A real HTTP server on Lambda's Invoke path, standing in for a service that serves functions
 * ({@code POST /2015-03-31/functions/{name}/invocations}); each function is a handler of the payload.
 */
final class FunctionServer implements AutoCloseable {

    /** What a function answers: HTTP status, optional X-Amz-Function-Error, body. */
    record Reply(int status, String functionError, String body) {
        static Reply ok(String body) {
            return new Reply(200, null, body);
        }
    }

    private final HttpServer server;
    private final Map<String, Function<JsonNode, Reply>> handlers = new ConcurrentHashMap<>();
    final List<String> calls = new CopyOnWriteArrayList<>();

    FunctionServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/2015-03-31/functions/", exchange -> {
            String name = exchange.getRequestURI().getPath().split("/")[3];
            JsonNode payload = SfnFixture.json(new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8));
            calls.add(name);
            Function<JsonNode, Reply> handler = handlers.get(name);
            Reply reply = handler == null ? new Reply(404, null, "{\"message\":\"no such function\"}")
                    : handler.apply(payload);
            if (reply.functionError() != null) {
                exchange.getResponseHeaders().add("X-Amz-Function-Error", reply.functionError());
            }
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    FunctionServer handle(String function, Function<JsonNode, Reply> handler) {
        handlers.put(function, handler);
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    long callsTo(String function) {
        return calls.stream().filter(function::equals).count();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
