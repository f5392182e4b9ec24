package org.kycsuite.localcloud.edge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;

/**
 * Refuses requests whose {@code Host} is not a loopback name, on a server bound to a loopback
 * address. A web page the developer visits can make the browser send requests to 127.0.0.1 under
 * a host name the page controls (DNS rebinding); the browser then lets the page read the answers.
 * Every legitimate caller of a loopback-bound local cloud names it {@code localhost} or by a loopback
 * address. A local cloud started with {@code --host 0.0.0.0} has no such check (it is reachable by
 * name from other machines on purpose).
 */
final class LoopbackHostFilter extends Filter {

    private final ObjectMapper mapper;

    LoopbackHostFilter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (host == null || isLoopbackName(host)) {
            chain.doFilter(exchange);
            return;
        }
        ObjectNode body = mapper.createObjectNode();
        body.put("__type", "AccessDeniedException");
        body.put("message", "Host '" + host + "' is not a loopback name; the local cloud answers only requests "
                + "for localhost or a loopback address (start it with --host 0.0.0.0 to serve other names)");
        byte[] bytes = mapper.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.getResponseHeaders().add("x-amzn-ErrorType", "AccessDeniedException");
        exchange.sendResponseHeaders(403, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public String description() {
        return "refuses non-loopback Host names";
    }

    /** {@code localhost}, {@code *.localhost}, 127.0.0.0/8 and {@code [::1]}, with or without a port. */
    static boolean isLoopbackName(String hostHeader) {
        String host = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end > 0 && "::1".equals(host.substring(1, end));
        }
        int colon = host.lastIndexOf(':');
        if (colon >= 0) {
            host = host.substring(0, colon);
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if ("localhost".equals(host) || host.endsWith(".localhost")) {
            return true;
        }
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4 || !"127".equals(parts[0])) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }
}
