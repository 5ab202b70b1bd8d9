package io.flywheel.shared.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flywheel.shared.data.Feature;
import io.flywheel.shared.data.FeatureSchema;
import io.flywheel.shared.problem.Problem;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureTensorsTest {

    private static final FeatureSchema SCHEMA = new FeatureSchema(List.of(Feature.numeric("income"),
            Feature.categorical("term", List.of("36", "60")), Feature.numeric("age")), "default", List.of("no", "yes"),
            "yes");
    private static final int MAX_ROWS = 100;

    private static TensorBatch batch(String json) {
        InferenceRequest request = InferenceRequestReader.read(json.getBytes(StandardCharsets.UTF_8), 10_000);
        return FeatureTensors.toBatch(request, SCHEMA, MAX_ROWS);
    }

    private static Problem problem(String json) {
        try {
            batch(json);
        } catch (ProblemException e) {
            return e.problem();
        }
        throw new AssertionError("accepted: " + json);
    }

    private static String named(String income, String term, String age) {
        return "{\"inputs\": [" + income + ", " + term + ", " + age + "]}";
    }

    private static String tensor(String name, String shape, String datatype, String data) {
        return "{\"name\": \"" + name + "\", \"shape\": " + shape + ", \"datatype\": \"" + datatype + "\", \"data\": "
                + data + "}";
    }

    private static final String INCOME = tensor("income", "[2]", "FP64", "[52000.5, null]");
    private static final String TERM = tensor("term", "[2, 1]", "BYTES", "[[\"36\"], [null]]");
    private static final String AGE = tensor("age", "[2]", "INT64", "[41, 29]");

    @Test
    void namedTensorsInAnyOrderBecomeColumnsInSchemaOrderWithNullAsMissing() {
        TensorBatch batch = batch(named(AGE, TERM, INCOME));

        assertThat(batch.rows()).isEqualTo(2);
        assertThat(batch.value(0, 0)).isEqualTo(52000.5);
        assertThat(batch.value(0, 1)).isNull();
        assertThat(batch.value(1, 0)).isEqualTo("36");
        assertThat(batch.value(1, 1)).isNull();
        assertThat(batch.value(2, 1)).isEqualTo(29.0);
    }

    @Test
    void aSingleMatrixInSchemaOrderIsReadAsRowsWithNumbersOrNumericStrings() {
        TensorBatch batch = batch("{\"inputs\": [" + tensor("input-0", "[2, 3]", "BYTES",
                "[[52000, \"36\", \"41\"], [\"1e3\", null, null]]") + "]}");

        assertThat(batch.rows()).isEqualTo(2);
        assertThat(batch.value(0, 1)).isEqualTo(1000.0);
        assertThat(batch.value(1, 0)).isEqualTo("36");
        assertThat(batch.value(2, 0)).isEqualTo(41.0);
        assertThat(batch.value(2, 1)).isNull();
    }

    @Test
    void aMissingFeatureIsNamedWithTheTensorItNeeds() {
        Problem problem = problem(named(INCOME, TERM, tensor("income2", "[2]", "FP64", "[1, 2]")));

        assertThat(problem.status()).isEqualTo(422);
        assertThat(problem.errors()).extracting(Problem.FieldError::field).containsExactly("inputs[2].name", "inputs");
        assertThat(problem.errors().get(1).message()).contains("`age`").contains("FP64");
    }

    @Test
    void aWrongDatatypeNamesTheInputAndWhatTheFeatureNeeds() {
        Problem problem = problem(named(tensor("income", "[2]", "BYTES", "[\"1\", \"2\"]"),
                tensor("term", "[2]", "FP64", "[36, 60]"), tensor("age", "[2]", "FLOAT", "[1, 2]")));

        assertThat(problem.errors()).extracting(Problem.FieldError::field)
                .containsExactly("inputs[0].datatype", "inputs[1].datatype", "inputs[2].datatype");
        assertThat(problem.errors().get(0).message()).contains("numeric");
        assertThat(problem.errors().get(1).message()).contains("categorical").contains("BYTES");
        assertThat(problem.errors().get(2).message()).contains("FLOAT").contains("FP64");
    }

    @Test
    void nanAndInfinityAreRefusedNamingTheInputAndRow() {
        Problem nan = problem(named(tensor("income", "[2]", "FP64", "[1, NaN]"), TERM, AGE));
        Problem infinity = problem(named(INCOME, TERM, tensor("age", "[2]", "FP32", "[Infinity, 1]")));

        assertThat(nan.errors().get(0).field()).isEqualTo("inputs[0].data[1]");
        assertThat(nan.errors().get(0).message()).contains("row 1 of `income` is NaN").contains("null");
        assertThat(infinity.errors().get(0).field()).isEqualTo("inputs[2].data[0]");
        assertThat(infinity.errors().get(0).message()).contains("Infinity");
    }

    @Test
    void shapesThatDisagreeWithTheDataOrEachOtherAreNamed() {
        assertThat(problem(named(tensor("income", "[3]", "FP64", "[1, 2, 3]"), TERM, AGE)).errors().get(0).field())
                .isEqualTo("inputs[1].shape");
        assertThat(problem(named(tensor("income", "[2]", "FP64", "[1, 2, 3]"), TERM, AGE)).errors().get(0).field())
                .isEqualTo("inputs[0].data");
        assertThat(problem(named(tensor("income", "[2, 2]", "FP64", "[1, 2, 3, 4]"), TERM, AGE)).errors().get(0)
                .field()).isEqualTo("inputs[0].shape");
        assertThat(problem("{\"inputs\": [" + tensor("x", "[2, 4]", "BYTES", "[]") + "]}").detail())
                .contains("4 columns").contains("income, term, age");
        assertThat(problem(named(tensor("income", "[0]", "FP64", "[]"), tensor("term", "[0]", "BYTES", "[]"),
                tensor("age", "[0]", "FP64", "[]"))).detail()).contains("no rows");
    }

    @Test
    void valuesOfTheWrongKindNameTheirRow() {
        assertThat(problem(named(tensor("income", "[2]", "FP64", "[1, \"2\"]"), TERM, AGE)).errors().get(0).field())
                .isEqualTo("inputs[0].data[1]");
        assertThat(problem(named(INCOME, tensor("term", "[2]", "BYTES", "[\"36\", 60]"), AGE)).errors().get(0)
                .message()).contains("row 1 of `term`").contains("string");
        assertThat(problem(named(INCOME, TERM, tensor("age", "[2]", "INT64", "[41.5, 1]"))).errors().get(0)
                .message()).contains("not a INT64");
        assertThat(problem(named(INCOME, TERM, tensor("age", "[2]", "UINT8", "[-1, 1]"))).errors().get(0)
                .message()).contains("UINT8");
        assertThat(problem("{\"inputs\": [" + tensor("m", "[1, 3]", "BYTES", "[1, \"36\", \"old\"]") + "]}")
                .errors().get(0).message()).contains("row 0, feature `age` (column 2)").contains("\"old\"");
        assertThat(problem("{\"inputs\": [" + tensor("m", "[1, 3]", "FP64", "[1, 36, 2]") + "]}").detail())
                .contains("must be BYTES").contains("term");
    }

    @Test
    void moreRowsThanAllowedIsA413FromTheShapeAlone() {
        Problem named = problem(named(tensor("income", "[1000000]", "FP64", "[1]"), TERM, AGE));
        Problem matrix = problem("{\"inputs\": [" + tensor("m", "[1000000, 3]", "FP64", "[1]") + "]}");

        assertThat(named.status()).isEqualTo(413);
        assertThat(named.detail()).contains("1000000 rows").contains("at most 100");
        assertThat(matrix.status()).isEqualTo(413);
    }

    @Test
    void incompleteOrDuplicatedTensorsAreNamedOnce() {
        Problem problem = problem("{\"inputs\": [{\"name\": \"income\"}, " + TERM + ", " + TERM + ", " + AGE + "]}");

        assertThat(problem.errors()).extracting(Problem.FieldError::field).containsExactly("inputs[0].datatype",
                "inputs[0].shape", "inputs[0].data", "inputs[2].name");
    }

    @Test
    void theBinaryDataExtensionIsRefusedWithAReason() {
        Problem problem = problem(named(tensor("income", "[2]", "FP64", "[]").replace("}",
                ", \"parameters\": {\"binary_data_size\": 16}}"), TERM, AGE));

        assertThat(problem.errors().get(0).field()).isEqualTo("inputs[0].parameters.binary_data_size");
        assertThat(problem.type()).isEqualTo(ProblemType.INVALID_REQUEST.uri());
    }

    @Test
    void requestedOutputsMustBeOutputsOfTheModel() {
        InferenceRequest request = InferenceRequestReader.read(("{\"inputs\": [" + INCOME + "], \"outputs\": "
                + "[{\"name\": \"label\"}, {\"name\": \"logits\"}]}").getBytes(StandardCharsets.UTF_8), 100);

        assertThatThrownBy(() -> TabularSignature.requested(request)).isInstanceOf(ProblemException.class)
                .hasMessageContaining("outputs[1].name").hasMessageContaining("probability, label, prediction_id");
    }
}
