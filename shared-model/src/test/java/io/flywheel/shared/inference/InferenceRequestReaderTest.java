package io.flywheel.shared.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import java.nio.charset.StandardCharsets;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class InferenceRequestReaderTest {

    private static InferenceRequest read(String json) {
        return InferenceRequestReader.read(json.getBytes(StandardCharsets.UTF_8), 1_000);
    }

    private static AbstractThrowableAssert<?, ?> refused(String json, ProblemType type) {
        return assertThatThrownBy(() -> read(json)).isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).problem().type()).isEqualTo(type.uri()));
    }

    @Test
    void readsAKServeRequestWithNestedAndFlatDataParametersAndRequestedOutputs() {
        InferenceRequest request = read("""
                {"id": "42", "parameters": {"routing_key": "user-7", "headers": {"x": 1}, "n": 3},
                 "inputs": [
                   {"name": "income", "shape": [2, 1], "datatype": "FP64", "data": [[1.5], [null]]},
                   {"name": "term", "shape": [2], "datatype": "BYTES", "data": ["36", "60"],
                    "parameters": {"content_type": "str"}}],
                 "outputs": [{"name": "label", "parameters": {"binary_data": true}}]}""");

        assertThat(request.id()).isEqualTo("42");
        assertThat(request.stringParameter("routing_key")).isEqualTo("user-7");
        assertThat(request.parameters()).doesNotContainKey("headers").containsEntry("n", 3);
        assertThat(request.outputs()).containsExactly("label");
        RequestInput income = request.inputs().get(0);
        assertThat(income.shape()).containsExactly(2, 1);
        assertThat(income.data().size()).isEqualTo(2);
        assertThat(income.data().number(0)).isEqualTo(1.5);
        assertThat(income.data().kind(1)).isEqualTo(TensorData.Kind.NULL);
        assertThat(request.inputs().get(1).data().string(1)).isEqualTo("60");
        assertThat(request.inputs().get(1).parameters()).containsEntry("content_type", "str");
    }

    @Test
    void keepsNaNAndInfinityLiteralsSoThatTheirRowCanBeNamedLater() {
        TensorData data = read("{\"inputs\":[{\"name\":\"x\",\"shape\":[3],\"datatype\":\"FP64\","
                + "\"data\":[NaN, Infinity, -Infinity]}]}").inputs().get(0).data();

        assertThat(data.kind(0)).isEqualTo(TensorData.Kind.NON_FINITE);
        assertThat(data.number(1)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(data.number(2)).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void bytesThatAreNotJsonAreA400NamingWhere() {
        refused("{\"inputs\": [", ProblemType.MALFORMED_REQUEST).hasMessageContaining("line 1");
        refused("", ProblemType.MALFORMED_REQUEST).hasMessageContaining("empty");
        refused("{\"inputs\": [{}]} {\"inputs\": [{}]}", ProblemType.MALFORMED_REQUEST).hasMessageContaining("after the end");
        refused("{'inputs': []}", ProblemType.MALFORMED_REQUEST);
    }

    @Test
    void jsonOfTheWrongShapeIsA422NamingTheField() {
        refused("[]", ProblemType.INVALID_REQUEST).hasMessageContaining("`$`");
        refused("{}", ProblemType.INVALID_REQUEST).hasMessageContaining("`inputs` is required");
        refused("{\"inputs\": {}}", ProblemType.INVALID_REQUEST).hasMessageContaining("`inputs` must be an array");
        refused("{\"inputs\": []}", ProblemType.INVALID_REQUEST).hasMessageContaining("at least one");
        refused("{\"inputs\": [{\"name\": 7}]}", ProblemType.INVALID_REQUEST).hasMessageContaining("inputs[0].name");
        refused("{\"inputs\": [{\"shape\": [-1]}]}", ProblemType.INVALID_REQUEST).hasMessageContaining("inputs[0].shape[0]");
        refused("{\"inputs\": [{\"shape\": [1.5]}]}", ProblemType.INVALID_REQUEST).hasMessageContaining("whole number");
        refused("{\"inputs\": [{\"shape\": [99999999999999999999]}]}", ProblemType.INVALID_REQUEST);
        refused("{\"inputs\": [{\"data\": [1, {\"a\": 2}]}]}", ProblemType.INVALID_REQUEST)
                .hasMessageContaining("inputs[0].data[1]");
        refused("{\"inputs\": [{\"data\": 3}]}", ProblemType.INVALID_REQUEST).hasMessageContaining("inputs[0].data");
        refused("{\"inputs\": [{}], \"outputs\": [{}]}", ProblemType.INVALID_REQUEST)
                .hasMessageContaining("outputs[0].name");
    }

    @Test
    void moreElementsThanAllowedIsA413BeforeTheyAreAllStored() {
        StringBuilder data = new StringBuilder("0");
        for (int i = 1; i < 1_001; i++) {
            data.append(",0");
        }
        refused("{\"inputs\": [{\"data\": [" + data + "]}]}", ProblemType.PAYLOAD_TOO_LARGE)
                .hasMessageContaining("1000");
    }

    @Test
    void deepNestingIsRefusedByTheParserNotByTheStack() {
        String deep = "[".repeat(5_000) + "]".repeat(5_000);
        refused("{\"inputs\": [{\"data\": " + deep + "}]}", ProblemType.MALFORMED_REQUEST);
    }

    @Test
    void unknownFieldsAreIgnoredAsTheProtocolsExtensionsExpect() {
        InferenceRequest request = read("{\"inputs\": [{\"name\": \"x\", \"extra\": [1, 2], \"shape\": [1], "
                + "\"datatype\": \"FP64\", \"data\": [1]}], \"sequence_id\": {\"a\": [1]}}");

        assertThat(request.inputs()).hasSize(1);
        assertThat(request.id()).isNull();
        assertThat(request.outputs()).isNull();
    }
}
