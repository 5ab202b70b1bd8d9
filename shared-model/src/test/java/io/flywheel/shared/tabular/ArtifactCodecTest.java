package io.flywheel.shared.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flywheel.shared.data.FeatureSchema;
import io.flywheel.shared.data.Table;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import io.flywheel.testing.TestDatasets;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ArtifactCodecTest {

    private static final Table LENDING = TestDatasets.lendingClub();
    private static final FeatureSchema SCHEMA = FeatureSchema.infer(LENDING, "Class", null);

    private static final SyntheticModels MODELS = new SyntheticModels(SCHEMA, LENDING, 3);
    private static final List<TabularModelArtifact> ARTIFACTS = List.of(MODELS.logisticRegression(true),
            MODELS.logisticRegression(false), MODELS.randomForest(5, 6, RandomForest.Combiner.VOTE),
            MODELS.boostedTrees(8, 5, GradientBoostedTrees.Objective.MULTI_SOFTPROB));

    static Stream<TabularModelArtifact> artifacts() {
        return ARTIFACTS.stream();
    }

    @ParameterizedTest
    @MethodSource("artifacts")
    void writingTwiceGivesTheSameBytesAndReadingThenWritingGivesThemBack(TabularModelArtifact artifact) {
        byte[] bytes = ArtifactCodec.write(artifact);

        assertThat(ArtifactCodec.write(artifact)).isEqualTo(bytes);
        assertThat(ArtifactCodec.write(ArtifactCodec.read(bytes))).isEqualTo(bytes);
    }

    @ParameterizedTest
    @MethodSource("artifacts")
    void aReadArtifactScoresExactlyLikeTheOriginal(TabularModelArtifact artifact) {
        var batch = io.flywheel.shared.tabular.FeatureBatch.of(SCHEMA, LENDING);

        double[] original = TabularModel.compile(artifact).score(batch);
        double[] reread = TabularModel.compile(ArtifactCodec.read(ArtifactCodec.write(artifact))).score(batch);

        assertThat(reread).isEqualTo(original);
    }

    @Test
    void theSameTrainingGivesTheSameSha256() {
        byte[] first = ArtifactCodec.write(new SyntheticModels(SCHEMA, LENDING, 11).boostedTrees(3, 3,
                GradientBoostedTrees.Objective.BINARY_LOGISTIC));
        byte[] second = ArtifactCodec.write(new SyntheticModels(SCHEMA, LENDING, 11).boostedTrees(3, 3,
                GradientBoostedTrees.Objective.BINARY_LOGISTIC));

        assertThat(ArtifactCodec.sha256(first)).isEqualTo(ArtifactCodec.sha256(second)).hasSize(64);
        assertThat(ArtifactCodec.sha256("abc".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void theBytesStartWithTheFormatAndNameTheAlgorithm() {
        String json = new String(ArtifactCodec.write(artifacts().findFirst().orElseThrow()), StandardCharsets.UTF_8);

        assertThat(json).startsWith("{\"format\":\"flywheel.tabular-classifier\",\"formatVersion\":1,\"schema\":{");
        assertThat(json).contains("\"model\":{\"type\":\"logistic-regression\",\"weights\":[[");
    }

    @Test
    void aTruncatedArtifactFailsWithAPreciseMessage() {
        byte[] bytes = ArtifactCodec.write(artifacts().findFirst().orElseThrow());

        assertThatThrownBy(() -> ArtifactCodec.read(Arrays.copyOf(bytes, bytes.length / 2)))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.problem().type()).isEqualTo(ProblemType.INVALID_ARTIFACT.uri()))
                .hasMessageStartingWith("the artifact is not valid JSON: Unexpected end-of-input");
    }

    @Test
    void emptyBytesOrJunkAreNotAnArtifact() {
        assertThatThrownBy(() -> ArtifactCodec.read(new byte[0])).hasMessage("the artifact is empty");
        assertThatThrownBy(() -> ArtifactCodec.read("PK\u0003\u0004".getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("the artifact is not valid JSON: ");
        assertThatThrownBy(() -> ArtifactCodec.read("[1,2]".getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("the artifact does not start like one: ");
    }

    @Test
    void anotherFormatOrAFutureVersionIsNamed() {
        assertThatThrownBy(() -> read("{\"format\":\"onnx\",\"formatVersion\":1}"))
                .hasMessage("this is not a Flywheel tabular model: format is `onnx`, expected `flywheel.tabular-classifier`");
        assertThatThrownBy(() -> read("{\"format\":\"flywheel.tabular-classifier\",\"formatVersion\":2,\"new\":1}"))
                .hasMessage("format version 2 is not supported; this reader reads version 1");
    }

    @Test
    void aTamperedTreeIsRefusedNamingWhere() {
        String json = json(MODELS.randomForest(2, 2, RandomForest.Combiner.AVERAGE));
        String tampered = json.replaceFirst("\"left\":\\[1,", "\"left\":[0,");

        assertThatThrownBy(() -> read(tampered)).hasMessage(
                "the artifact is invalid at `model.trees[0]`: tree, node 0: child 0 must come after its parent and "
                        + "within the 7 nodes");
    }

    @Test
    void aFeatureIndexOutsideTheEncodedVectorIsRefused() {
        String json = json(MODELS.boostedTrees(1, 1,
                GradientBoostedTrees.Objective.BINARY_LOGISTIC));
        String tampered = json.replaceFirst("\"feature\":\\[\\d+,", "\"feature\":[5000,");

        assertThatThrownBy(() -> read(tampered)).hasMessage("the artifact is invalid at `$`: model.trees[0], node 0: "
                + "feature 5000 is outside the encoded vector (width 119)");
    }

    @Test
    void unknownMissingAndMistypedFieldsAreRefused() {
        String json = json(artifacts().findFirst().orElseThrow());

        assertThatThrownBy(() -> read(json.replace("\"threshold\":0.5", "\"threshold\":0.5,\"extra\":true")))
                .hasMessage("the artifact is invalid at `extra`: unknown field `extra`");
        assertThatThrownBy(() -> read(json.replace("\"threshold\":0.5,", "")))
                .hasMessage("the artifact is invalid at `threshold`: the field is missing");
        assertThatThrownBy(() -> read(json.replace("\"threshold\":0.5", "\"threshold\":\"0.5\"")))
                .hasMessageStartingWith("the artifact is invalid at `threshold`: ");
        assertThatThrownBy(() -> read(json.replace("\"threshold\":0.5", "\"threshold\":1.5")))
                .hasMessage("the artifact is invalid at `$`: threshold must be within [0, 1], was 1.5");
        assertThatThrownBy(() -> read(json + " {}"))
                .hasMessage("the artifact is invalid at `$`: there are bytes after the end of the artifact");
    }

    private static TabularModelArtifact read(String json) {
        return ArtifactCodec.read(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String json(TabularModelArtifact artifact) {
        return new String(ArtifactCodec.write(artifact), StandardCharsets.UTF_8);
    }
}
