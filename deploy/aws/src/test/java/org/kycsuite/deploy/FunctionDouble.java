package org.kycsuite.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A test double of one Lambda function, on Lambda's Invoke path as the local cloud calls it: the
 * workflow's tests script what the handler answers; the real handlers are kyc-service's, tested there.
 */
final class FunctionDouble implements AutoCloseable {

    /** What the double answers: an HTTP status and a JSON body. */
    record Answer(int status, String body) {
        static Answer ok(JsonNode payload) {
            return new Answer(200, payload.toString());
        }
    }

    private final HttpServer server;
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();

    private FunctionDouble(HttpServer server) {
        this.server = server;
    }

    static FunctionDouble start(String functionName, Function<JsonNode, Answer> handler) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            FunctionDouble function = new FunctionDouble(server);
            server.createContext("/2015-03-31/functions/" + functionName + "/invocations",
                    exchange -> function.answer(exchange, handler));
            server.start();
            return function;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every payload received, in order. */
    List<JsonNode> requests() {
        return requests;
    }

    long callsFor(String applicationId) {
        return requests.stream().filter(request -> applicationId.equals(applicationIdOf(request))).count();
    }

    static String applicationIdOf(JsonNode request) {
        return request.has("applicationId") ? request.get("applicationId").asText()
                : request.at("/application/applicationId").asText();
    }

    private void answer(HttpExchange exchange, Function<JsonNode, Answer> handler) throws IOException {
        try (exchange) {
            JsonNode request = SamTemplate.JSON.readTree(exchange.getRequestBody());
            requests.add(request);
            Answer answer = handler.apply(request);
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
