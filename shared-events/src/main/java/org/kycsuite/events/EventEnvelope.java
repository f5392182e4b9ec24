package org.kycsuite.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;

/**
 * An EventBridge event exactly as EventBridge delivers it to a target.
 *
 * <p>{@code replay-name} is only present on events re-sent by an archive replay, as on AWS.
 *
 * @param <D> the detail type: one of the {@link EventDetail} records, or a JSON tree for an event
 *            the reader does not know
 */
@JsonPropertyOrder({"version", "id", "detail-type", "source", "account", "time", "region", "resources", "detail"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventEnvelope<D>(
        String version,
        String id,
        @JsonProperty("detail-type") String detailType,
        String source,
        String account,
        Instant time,
        String region,
        List<String> resources,
        D detail,
        @JsonProperty("replay-name") String replayName) {

    public EventEnvelope {
        resources = resources == null ? List.of() : List.copyOf(resources);
    }
}
