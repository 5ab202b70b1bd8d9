package io.flywheel.shared.inference;

import io.flywheel.shared.data.FeatureSchema;
import java.util.List;

/**
 * A tabular classifier as tensors: one input per feature ({@code FP64} numbers or {@code BYTES} categories, one
 * element per row), and three outputs of one element per row: the positive-class {@code probability}, the predicted
 * {@code label}, and the {@code prediction_id} that feedback on the row refers to.
 */
public final class TabularSignature {

    /** The positive-class probability of each row, {@code FP64}. */
    public static final String PROBABILITY = "probability";
    /** The predicted class of each row, {@code BYTES}. */
    public static final String LABEL = "label";
    /** The id of each row's prediction, {@code BYTES}: what {@code POST /v1/feedback} takes as {@code prediction_id}. */
    public static final String PREDICTION_ID = "prediction_id";
    /** The platform a tabular model's metadata names. */
    public static final String PLATFORM = "flywheel_tabular-classifier";

    private static final long[] ROWS = {-1};
    private static final List<MetadataTensor> OUTPUTS = List.of(
            new MetadataTensor(PROBABILITY, Datatype.FP64.name(), ROWS),
            new MetadataTensor(LABEL, Datatype.BYTES.name(), ROWS),
            new MetadataTensor(PREDICTION_ID, Datatype.BYTES.name(), ROWS));

    private TabularSignature() {
    }

    /** The inputs of a model with this schema, in schema order. */
    public static List<MetadataTensor> inputs(FeatureSchema schema) {
        return schema.features().stream()
                .map(feature -> new MetadataTensor(feature.name(), FeatureTensors.expectedDatatype(feature), ROWS))
                .toList();
    }

    public static List<MetadataTensor> outputs() {
        return OUTPUTS;
    }

    /** The metadata of a model with this schema. */
    public static ModelMetadata metadata(String model, List<String> versions, FeatureSchema schema) {
        return new ModelMetadata(model, versions, PLATFORM, inputs(schema), OUTPUTS);
    }

    /**
     * Which outputs a request asks for, in the protocol's order; all of them when it names none.
     *
     * @throws io.flywheel.shared.problem.ProblemException 422 naming a requested output the model does not have
     */
    public static Outputs requested(InferenceRequest request) {
        if (request.outputs() == null) {
            return Outputs.ALL;
        }
        boolean probability = false;
        boolean label = false;
        boolean predictionId = false;
        for (int i = 0; i < request.outputs().size(); i++) {
            switch (request.outputs().get(i)) {
                case PROBABILITY -> probability = true;
                case LABEL -> label = true;
                case PREDICTION_ID -> predictionId = true;
                default -> throw InferenceRequestReader.invalid("outputs[" + i + "].name", "`"
                        + request.outputs().get(i) + "` is not an output of this model; its outputs are "
                        + PROBABILITY + ", " + LABEL + ", " + PREDICTION_ID);
            }
        }
        return new Outputs(probability, label, predictionId);
    }

    /** The outputs a response holds. */
    public record Outputs(boolean probability, boolean label, boolean predictionId) {
        static final Outputs ALL = new Outputs(true, true, true);
    }
}
