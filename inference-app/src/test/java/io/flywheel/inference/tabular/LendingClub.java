package io.flywheel.inference.tabular;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flywheel.shared.data.ColumnType;
import io.flywheel.shared.data.Feature;
import io.flywheel.shared.data.FeatureSchema;
import io.flywheel.shared.data.Table;
import io.flywheel.shared.tabular.ArtifactCodec;
import io.flywheel.shared.tabular.FeatureBatch;
import io.flywheel.shared.tabular.GradientBoostedTrees;
import io.flywheel.shared.tabular.RandomForest;
import io.flywheel.shared.tabular.SyntheticModels;
import io.flywheel.shared.tabular.TabularModel;
import io.flywheel.testing.FakeMlopsApp;
import io.flywheel.testing.TestDatasets;
import java.util.stream.IntStream;

/**
 * Real Lending Club rows and models over them for serving tests: artifacts of each algorithm built by shared-model's
 * {@link SyntheticModels} (real data, real encoders and reference statistics, random parameters — distinct per seed,
 * so that the answering version shows in the probabilities), requests in the Open Inference Protocol's shapes, and
 * the probabilities shared-model's scorer gives the same rows, to compare answers with.
 */
public final class LendingClub {

    public static final Table TABLE = TestDatasets.lendingClub();
    public static final FeatureSchema SCHEMA = FeatureSchema.infer(TABLE, "Class", null);
    public static final String KIND = "tabular-classifier";
    private static final ObjectMapper JSON = new ObjectMapper();

    private LendingClub() {
    }

    public static byte[] logisticRegression(long seed) {
        return ArtifactCodec.write(new SyntheticModels(SCHEMA, TABLE, seed).logisticRegression(true));
    }

    public static byte[] boostedTrees(long seed) {
        return ArtifactCodec.write(new SyntheticModels(SCHEMA, TABLE, seed)
                .boostedTrees(20, 4, GradientBoostedTrees.Objective.MULTI_SOFTPROB));
    }

    public static byte[] randomForest(long seed) {
        return ArtifactCodec.write(new SyntheticModels(SCHEMA, TABLE, seed)
                .randomForest(10, 5, RandomForest.Combiner.AVERAGE));
    }

    public static FakeMlopsApp.Version version(int number, byte[] artifact) {
        return new FakeMlopsApp.Version(number, artifact);
    }

    /** What shared-model's scorer gives these rows with this artifact. */
    public static double[] expected(byte[] artifact, int... rows) {
        return TabularModel.compile(ArtifactCodec.read(artifact)).score(FeatureBatch.of(SCHEMA, TABLE.select(rows)));
    }

    public static int[] rows(int from, int count) {
        return IntStream.range(from, from + count).toArray();
    }

    /** An inference request with one named tensor per feature ({@code FP64} or {@code BYTES}, shape [rows]). */
    public static ObjectNode request(int... rows) {
        ObjectNode request = JSON.createObjectNode();
        ArrayNode inputs = request.putArray("inputs");
        for (Feature feature : SCHEMA.features()) {
            ObjectNode input = inputs.addObject().put("name", feature.name())
                    .put("datatype", feature.type() == ColumnType.NUMERIC ? "FP64" : "BYTES");
            input.putArray("shape").add(rows.length);
            ArrayNode data = input.putArray("data");
            for (int row : rows) {
                addCell(data, feature, row);
            }
        }
        return request;
    }

    /** The same rows as one {@code BYTES} tensor of shape [rows, features], in schema order. */
    public static ObjectNode matrixRequest(int... rows) {
        ObjectNode request = JSON.createObjectNode();
        ObjectNode input = request.putArray("inputs").addObject().put("name", "input-0").put("datatype", "BYTES");
        input.putArray("shape").add(rows.length).add(SCHEMA.features().size());
        ArrayNode data = input.putArray("data");
        for (int row : rows) {
            ArrayNode cells = data.addArray();
            SCHEMA.features().forEach(feature -> addCell(cells, feature, row));
        }
        return request;
    }

    public static String json(ObjectNode node) {
        return node.toString();
    }

    private static void addCell(ArrayNode data, Feature feature, int row) {
        if (feature.type() == ColumnType.NUMERIC) {
            var column = TABLE.numeric(feature.name());
            if (column.isMissing(row)) {
                data.addNull();
            } else {
                data.add(column.value(row));
            }
        } else {
            data.add(TABLE.categorical(feature.name()).value(row));
        }
    }
}
