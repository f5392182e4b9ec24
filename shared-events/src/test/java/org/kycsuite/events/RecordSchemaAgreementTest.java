package org.kycsuite.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Records and schemas describe the same contract: a field added to one and forgotten in the other
 * fails here, at every nesting level, and so does an enum constant.
 */
class RecordSchemaAgreementTest {

    private static final String COMMON = "common.schema.json";

    @ParameterizedTest
    @EnumSource(EventContract.class)
    void recordAndSchemaDeclareTheSameFields(EventContract contract) {
        JsonNode schema = load(contract.fileName() + ".schema.json");
        List<String> disagreements = new ArrayList<>();

        compare(contract.detailClass(), new Located(schema, contract.fileName()), contract.detailType(),
                disagreements);

        assertThat(disagreements).isEmpty();
    }

    @Test
    void schemaCountryListIsTheIsoList() {
        JsonNode countries = load(COMMON).at("/$defs/country/enum");

        assertThat(strings(countries)).isEqualTo(new TreeSet<>(IsoCodes.countries()));
    }

    @Test
    void schemaCurrencyListIsTheIsoList() {
        JsonNode currencies = load(COMMON).at("/$defs/currency/enum");

        assertThat(strings(currencies)).isEqualTo(new TreeSet<>(IsoCodes.currencyCodes()));
    }

    private record Located(JsonNode node, String file) {
    }

    private void compare(Class<?> type, Located schema, String path, List<String> disagreements) {
        Located object = resolve(schema);
        Set<String> schemaFields = new TreeSet<>();
        object.node().path("properties").fieldNames().forEachRemaining(schemaFields::add);
        Set<String> recordFields = new TreeSet<>();
        for (RecordComponent component : type.getRecordComponents()) {
            String name = jsonName(component);
            recordFields.add(name);
            JsonNode property = object.node().path("properties").get(name);
            if (property != null) {
                compareValue(component.getGenericType(), new Located(property, object.file()), path + "/" + name,
                        disagreements);
            }
        }
        if (!recordFields.equals(schemaFields)) {
            disagreements.add(path + ": record " + recordFields + " vs schema " + schemaFields);
        }
    }

    private void compareValue(Type type, Located schema, String path, List<String> disagreements) {
        Located resolved = resolve(schema);
        if (type instanceof ParameterizedType list && list.getRawType() == List.class) {
            compareValue(list.getActualTypeArguments()[0], new Located(resolved.node().get("items"), resolved.file()),
                    path + "[]", disagreements);
        } else if (type instanceof Class<?> cls && cls.isEnum()) {
            Set<String> constants = new TreeSet<>(Arrays.stream(cls.getEnumConstants()).map(Object::toString).toList());
            if (!constants.equals(strings(resolved.node().get("enum")))) {
                disagreements.add(path + ": enum " + constants + " vs schema " + resolved.node().get("enum"));
            }
        } else if (type instanceof Class<?> cls && cls.isRecord() && !isJsonValue(cls)) {
            compare(cls, resolved, path, disagreements);
        }
    }

    private Located resolve(Located schema) {
        JsonNode ref = schema.node().get("$ref");
        if (ref == null) {
            return schema;
        }
        String[] parts = ref.asText().split("#", 2);
        String file = parts[0].isEmpty() ? schema.file() : parts[0].replace(".schema.json", "");
        JsonNode target = load(file + ".schema.json").at(parts[1]);
        return resolve(new Located(target, file));
    }

    private static boolean isJsonValue(Class<?> cls) {
        return Arrays.stream(cls.getRecordComponents()).anyMatch(c -> c.getAccessor().isAnnotationPresent(
                JsonValue.class) || c.isAnnotationPresent(JsonValue.class));
    }

    private static String jsonName(RecordComponent component) {
        com.fasterxml.jackson.annotation.JsonProperty property =
                component.getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
        return property == null ? component.getName() : property.value();
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> values = new TreeSet<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static JsonNode load(String file) {
        String name = file.endsWith(".json") ? file : file + ".schema.json";
        try (InputStream in = RecordSchemaAgreementTest.class.getClassLoader()
                .getResourceAsStream("org/kycsuite/events/schemas/" + name)) {
            return EventContracts.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
