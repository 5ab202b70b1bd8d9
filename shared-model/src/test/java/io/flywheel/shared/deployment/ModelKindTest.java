package io.flywheel.shared.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ModelKindTest {

    @Test
    void everyKindIsNamedByTheLabelTheRegistryAndThePodsUse() {
        assertThat(ModelKind.parse("tabular-classifier")).isEqualTo(ModelKind.TABULAR_CLASSIFIER);
        assertThat(ModelKind.parse("rag-index")).isEqualTo(ModelKind.RAG_INDEX);
        assertThat(ModelKind.parse("assistant-config")).isEqualTo(ModelKind.ASSISTANT_CONFIG);
        assertThat(ModelKind.labels()).isEqualTo("tabular-classifier, rag-index, assistant-config");
    }

    @Test
    void anUnknownOrMissingLabelNamesNoKind() {
        assertThat(ModelKind.parse("TABULAR_CLASSIFIER")).isNull();
        assertThat(ModelKind.parse("")).isNull();
        assertThat(ModelKind.parse(null)).isNull();
    }

    @Test
    void travelsInJsonAsItsLabel() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThat(json.writeValueAsString(ModelKind.RAG_INDEX)).isEqualTo("\"rag-index\"");
        assertThat(json.readValue("\"assistant-config\"", ModelKind.class)).isEqualTo(ModelKind.ASSISTANT_CONFIG);
    }
}
