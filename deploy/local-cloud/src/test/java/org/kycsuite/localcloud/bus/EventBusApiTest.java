package org.kycsuite.localcloud.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kycsuite.localcloud.Clients;
import org.kycsuite.localcloud.LocalCloud;
import org.kycsuite.localcloud.LocalCloudConfig;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.DescribeEventBusResponse;
import software.amazon.awssdk.services.eventbridge.model.EventBus;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;

class EventBusApiTest {

    @TempDir
    static Path dataDir;

    static LocalCloud cloud;
    static EventBridgeClient events;

    @BeforeAll
    static void start() {
        cloud = LocalCloud.start(LocalCloudConfig.ephemeral(dataDir));
        events = Clients.eventBridge(cloud);
    }

    @AfterAll
    static void stop() {
        events.close();
        cloud.close();
    }

    @Test
    void theDefaultBusAlwaysExists() {
        DescribeEventBusResponse bus = events.describeEventBus(b -> { });
        assertThat(bus.name()).isEqualTo("default");
        assertThat(bus.arn()).isEqualTo("arn:aws:events:us-east-1:000000000000:event-bus/default");
    }

    @Test
    void createsDescribesListsAndDeletesACustomBus() {
        String arn = events.createEventBus(b -> b.name("orders-bus").description("Orders")).eventBusArn();
        assertThat(arn).isEqualTo("arn:aws:events:us-east-1:000000000000:event-bus/orders-bus");

        DescribeEventBusResponse described = events.describeEventBus(b -> b.name(arn));
        assertThat(described.name()).isEqualTo("orders-bus");
        assertThat(described.description()).isEqualTo("Orders");
        assertThat(described.creationTime()).isNotNull();
        assertThat(events.listEventBuses(b -> b.namePrefix("orders")).eventBuses()).extracting(EventBus::name)
                .containsExactly("orders-bus");

        events.deleteEventBus(b -> b.name("orders-bus"));
        assertThatThrownBy(() -> events.describeEventBus(b -> b.name("orders-bus")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void refusesADuplicateBusWithResourceAlreadyExists() {
        events.createEventBus(b -> b.name("twice-bus"));
        assertThatThrownBy(() -> events.createEventBus(b -> b.name("twice-bus")))
                .isInstanceOf(ResourceAlreadyExistsException.class);
    }

    @Test
    void refusesToDeleteTheDefaultBus() {
        assertThatThrownBy(() -> events.deleteEventBus(b -> b.name("default")))
                .isInstanceOfSatisfying(EventBridgeException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
    }

    @Test
    void pagesListsWithLimitAndNextToken() {
        for (int i = 0; i < 3; i++) {
            String name = "paged-" + i;
            events.createEventBus(b -> b.name(name));
        }
        var first = events.listEventBuses(b -> b.namePrefix("paged-").limit(2));
        assertThat(first.eventBuses()).hasSize(2);
        assertThat(first.nextToken()).isNotNull();
        var second = events.listEventBuses(b -> b.namePrefix("paged-").limit(2).nextToken(first.nextToken()));
        assertThat(second.eventBuses()).extracting(EventBus::name).containsExactly("paged-2");
        assertThat(second.nextToken()).isNull();
    }
}
