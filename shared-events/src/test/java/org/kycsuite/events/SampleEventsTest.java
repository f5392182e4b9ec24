package org.kycsuite.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SampleEventsTest {

    private final ObjectMapper mapper = EventContracts.mapper();

    @ParameterizedTest
    @EnumSource(EventContract.class)
    void sampleRoundTripsThroughItsRecordUnchanged(EventContract contract) throws Exception {
        JsonNode sample = SampleEvents.tree(contract);
        JavaType type = mapper.getTypeFactory().constructParametricType(EventEnvelope.class, contract.detailClass());

        EventEnvelope<?> envelope = mapper.readValue(SampleEvents.json(contract), type);
        JsonNode written = mapper.readTree(mapper.writeValueAsString(envelope));

        assertThat(envelope.detail()).isInstanceOf(contract.detailClass());
        assertThat(written).isEqualTo(sample);
    }

    @ParameterizedTest
    @EnumSource(EventContract.class)
    void sampleDetailSatisfiesItsSchema(EventContract contract) {
        JsonNode sample = SampleEvents.tree(contract);

        assertThat(EventContracts.validate(contract.detailType(), sample.get("detail"))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(EventContract.class)
    void sampleCarriesItsCatalogSourceAndDetailType(EventContract contract) {
        JsonNode sample = SampleEvents.tree(contract);

        assertThat(sample.get("source").asText()).isEqualTo(contract.source());
        assertThat(sample.get("detail-type").asText()).isEqualTo(contract.detailType());
        assertThat(sample.get("detail").get("schemaVersion").asInt()).isEqualTo(EventDetail.CURRENT_SCHEMA_VERSION);
    }

    @ParameterizedTest
    @EnumSource(EventContract.class)
    void envelopeJsonHasExactlyEventBridgesFields(EventContract contract) throws Exception {
        EventEnvelope<JsonNode> envelope = mapper.readValue(SampleEvents.json(contract),
                new TypeReference<EventEnvelope<JsonNode>>() { });
        JsonNode written = mapper.valueToTree(envelope);

        assertThat(written.fieldNames()).toIterable().containsExactly("version", "id", "detail-type", "source",
                "account", "time", "region", "resources", "detail");
    }
}
