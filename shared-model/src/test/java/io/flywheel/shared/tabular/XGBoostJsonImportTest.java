package io.flywheel.shared.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flywheel.shared.data.Feature;
import io.flywheel.shared.data.FeatureSchema;
import io.flywheel.shared.drift.FeatureReference;
import io.flywheel.shared.drift.NumericReference;
import io.flywheel.shared.drift.ReferenceStatistics;
import io.flywheel.shared.problem.ProblemException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Real XGBoost 1.6.2 models (see {@code /xgboost/README.md}) scored here must give the library's own probabilities. */
class XGBoostJsonImportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"xgboost-1.6.2-tribuo-softprob.json", "xgboost-1.6.2-binary-logistic.json"})
    void reproducesTheLibrarysPredictionsWithin1e6(String file) throws IOException {
        JsonNode fixture = fixture(file);
        int width = fixture.path("rows").get(0).size();
        GradientBoostedTrees trees = XGBoostJsonImport.read(JSON.writeValueAsBytes(fixture.path("model")),
                ints(fixture.path("encodedIndex")), fixture.path("positiveClass").asInt(), false);
        TabularModel model = TabularModel.compile(rawArtifact(width, trees));

        JsonNode rows = fixture.path("rows");
        FeatureBatch.Builder batch = model.batch(rows.size());
        for (int j = 0; j < width; j++) {
            double[] column = new double[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                column[i] = rows.get(i).get(j).isNull() ? Double.NaN : rows.get(i).get(j).asDouble();
            }
            batch.numeric("f" + j, column);
        }
        double[] scores = model.score(batch.build());

        for (int i = 0; i < scores.length; i++) {
            assertThat(scores[i]).as("row %d", i).isEqualTo(fixture.path("expected").get(i).asDouble(), within(1e-6));
        }
    }

    @Test
    void treesAreRenumberedBreadthFirstAndPrunedNodesDropped() {
        // root 0 splits to 3 (left) and 1 (right); node 2 is a pruned leftover nobody points to
        String tree = """
                {"left_children":[3,-1,-1,-1],"right_children":[1,-1,-1,-1],"split_indices":[1,0,0,0],
                 "split_conditions":[0.5,2.0,9.0,-1.0],"default_left":[1,0,0,0],"split_type":[0,0,0,0]}""";

        GradientBoostedTrees trees = XGBoostJsonImport.read(model("binary:logistic", "5E-1", 1, tree),
                new int[] {0, 1}, 1, false);

        BoostedTree imported = trees.trees().get(0);
        assertThat(imported.left()).containsExactly(1, -1, -1);
        assertThat(imported.right()).containsExactly(2, -1, -1);
        assertThat(imported.value()).containsExactly(0f, -1f, 2f);
        assertThat(imported.defaultLeft()[0]).isTrue();
        assertThat(trees.baseMargin()).isZero();
    }

    @Test
    void unsupportedModelsAreRefusedSayingWhy() {
        String stump = """
                {"left_children":[1,-1,-1],"right_children":[2,-1,-1],"split_indices":[0,0,0],
                 "split_conditions":[0.5,1,2],"default_left":[0,0,0],"split_type":[1,0,0]}""";
        String numericStump = stump.replace("\"split_type\":[1,0,0]", "\"split_type\":[0,0,0]");

        assertThatThrownBy(() -> XGBoostJsonImport.read(model("reg:squarederror", "0.5", 1, numericStump),
                new int[] {0}, 1, false)).isInstanceOf(ProblemException.class).hasMessageStartingWith(
                "objective `reg:squarederror` is not supported");
        assertThatThrownBy(() -> XGBoostJsonImport.read(model("binary:logistic", "0.5", 1, stump), new int[] {0}, 1,
                false)).hasMessage("tree 0 has a categorical split; only numeric splits are supported");
        assertThatThrownBy(() -> XGBoostJsonImport.read(model("multi:softprob", "0.5", 3, numericStump),
                new int[] {0}, 1, false)).hasMessage("multi:softprob must have 2 classes for a binary classifier, has 3");
        assertThatThrownBy(() -> XGBoostJsonImport.read(model("binary:logistic", "0.5", 1,
                numericStump.replace("\"split_indices\":[0,", "\"split_indices\":[4,")), new int[] {0}, 1, false))
                .hasMessage("tree 0 splits on column 4, but 1 columns are mapped");
        assertThatThrownBy(() -> XGBoostJsonImport.read(model("binary:logistic", "0.5", 1,
                numericStump.replace("\"left_children\":[1,", "\"left_children\":[0,")), new int[] {0}, 1, false))
                .hasMessage("tree 0 is not a tree: node 0 points to 0");
        assertThatThrownBy(() -> XGBoostJsonImport.read("{\"learner\":".getBytes(), new int[] {0}, 1, false))
                .hasMessageStartingWith("the XGBoost model is not valid JSON");
    }

    private static byte[] model(String objective, String baseScore, int classes, String tree) {
        String json = """
                {"learner":{"gradient_booster":{"name":"gbtree","model":{"tree_info":[0],"trees":[%s]}},
                 "learner_model_param":{"base_score":"%s","num_class":"%d"},"objective":{"name":"%s"}}}"""
                .formatted(tree, baseScore, classes, objective);
        return json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** An artifact whose features are the encoded columns themselves ({@code f0..fn}, missing kept missing). */
    private static TabularModelArtifact rawArtifact(int width, GradientBoostedTrees trees) {
        List<Feature> features = new ArrayList<>();
        List<FeatureEncoding> encodings = new ArrayList<>();
        List<FeatureReference> references = new ArrayList<>();
        for (int j = 0; j < width; j++) {
            features.add(Feature.numeric("f" + j));
            encodings.add(new NumericEncoding("f" + j, null, 0, 1));
            references.add(new NumericReference("f" + j, new double[0], new double[] {1}, 0, 0, 0));
        }
        FeatureSchema schema = new FeatureSchema(features, "label", List.of("good", "bad"), "bad");
        ReferenceStatistics reference = new ReferenceStatistics(1, references,
                new NumericReference(ReferenceStatistics.PREDICTION, new double[0], new double[] {1}, 0, 0, 0));
        return TabularModelArtifact.of(schema, new FeatureEncoder(encodings), trees, 0.5, reference,
                new TrainingMetadata("xgboost", "1.6.2", 5, Map.of()));
    }

    private static int[] ints(JsonNode array) {
        int[] values = new int[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asInt();
        }
        return values;
    }

    private static JsonNode fixture(String file) throws IOException {
        try (InputStream in = XGBoostJsonImportTest.class.getResourceAsStream("/xgboost/" + file)) {
            return JSON.readTree(in);
        }
    }
}
