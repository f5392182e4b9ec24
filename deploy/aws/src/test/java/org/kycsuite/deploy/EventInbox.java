package org.kycsuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kycsuite.events.EventContracts;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The events one SQS queue received from the bus, as a consumer sees them. Every event read is
 * checked against its detail type's schema, so no test can pass on an event a consumer would refuse.
 */
final class EventInbox {

    private final SqsClient sqs;
    private final String queueUrl;
    private final List<JsonNode> received = new ArrayList<>();

    EventInbox(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /** The first event of {@code detailType} for {@code applicationId}, waiting up to {@code timeout}. */
    JsonNode await(String applicationId, String detailType, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            Optional<JsonNode> event = find(applicationId, detailType);
            if (event.isPresent()) {
                return event.get();
            }
            receive(1);
        } while (System.nanoTime() < deadline);
        return find(applicationId, detailType).orElseThrow(() -> new AssertionError("No \"" + detailType
                + "\" for " + applicationId + " within " + timeout + "; received " + received));
    }

    /** Every event received so far (after waiting {@code quiet} for stragglers) for {@code applicationId}. */
    List<String> detailTypesFor(String applicationId, Duration quiet) {
        long deadline = System.nanoTime() + quiet.toNanos();
        while (System.nanoTime() < deadline) {
            receive(1);
        }
        return received.stream().filter(event -> applicationId.equals(event.at("/detail/applicationId").asText()))
                .map(event -> event.path("detail-type").asText()).toList();
    }

    private Optional<JsonNode> find(String applicationId, String detailType) {
        return received.stream().filter(event -> applicationId.equals(event.at("/detail/applicationId").asText())
                && detailType.equals(event.path("detail-type").asText())).findFirst();
    }

    private void receive(int waitSeconds) {
        for (Message message : sqs.receiveMessage(builder -> builder.queueUrl(queueUrl).maxNumberOfMessages(10)
                .waitTimeSeconds(waitSeconds)).messages()) {
            JsonNode event;
            try {
                event = SamTemplate.JSON.readTree(message.body());
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
            assertThat(EventContracts.validate(event.path("detail-type").asText(), event.path("detail")))
                    .as("schema violations of %s", event).isEmpty();
            received.add(event);
            sqs.deleteMessage(builder -> builder.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
        }
    }
}
