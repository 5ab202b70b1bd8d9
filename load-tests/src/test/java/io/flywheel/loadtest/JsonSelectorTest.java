package io.flywheel.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class JsonSelectorTest {

    private static final JsonNode ANSWER = read("""
            {"id": "r-1", "model_version": "3", "outputs": [
              {"name": "probability", "datatype": "FP64", "data": [0.25]},
              {"name": "prediction_id", "datatype": "BYTES", "data": ["p-7", "p-8"]}]}""");

    private static JsonNode read(String json) {
        try {
            return ScenarioFile.JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void selectsFieldsIndicesAndTheFirstElementWithAFieldValueAsK6Does() {
        assertThat(JsonSelector.select(ANSWER, "id").asText()).isEqualTo("r-1");
        assertThat(JsonSelector.select(ANSWER, "outputs.0.data.0").asDouble()).isEqualTo(0.25);
        assertThat(JsonSelector.select(ANSWER, "outputs.#(name==\"prediction_id\").data.1").asText()).isEqualTo("p-8");
    }

    @Test
    void aPathThatLeadsNowhereIsMissing() {
        assertThat(JsonSelector.select(ANSWER, "outputs.#(name==\"label\").data.0").isMissingNode()).isTrue();
        assertThat(JsonSelector.select(ANSWER, "outputs.9.data").isMissingNode()).isTrue();
        assertThat(JsonSelector.select(ANSWER, "nothing.here").isMissingNode()).isTrue();
    }
}
