package org.kycsuite.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The realistic sample event of every detail type, shipped in this module's test-jar so every
 * module's tests reuse the same fixtures ({@code events/<name>.json} on the test classpath).
 */
public final class SampleEvents {

    private SampleEvents() {
    }

    /** The sample envelope of {@code contract} as JSON text, exactly as stored. */
    public static String json(EventContract contract) {
        String resource = "events/" + contract.fileName() + ".json";
        try (InputStream in = SampleEvents.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing sample event " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sample envelope of {@code contract} as a JSON tree. */
    public static JsonNode tree(EventContract contract) {
        try {
            return EventContracts.mapper().readTree(json(contract));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every sample envelope as JSON text, by contract. */
    public static Map<EventContract, String> all() {
        return Arrays.stream(EventContract.values())
                .collect(Collectors.toMap(Function.identity(), SampleEvents::json));
    }
}
