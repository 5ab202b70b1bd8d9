package io.flywheel.shared.tabular;

import io.flywheel.shared.data.ColumnType;
import io.flywheel.shared.data.Feature;
import io.flywheel.shared.data.FeatureSchema;
import io.flywheel.shared.drift.CategoricalReference;
import io.flywheel.shared.drift.FeatureReference;
import io.flywheel.shared.drift.ReferenceStatistics;
import java.util.List;

/**
 * The portable tabular model: everything needed to score it without the training library, and to watch it for
 * drift. Documented field by field in {@code docs/model-format.md}; read and written by {@link ArtifactCodec}.
 * Construction checks every part and how they fit together, so an artifact that exists is a scorable one.
 *
 * @param format        always {@link #FORMAT}
 * @param formatVersion always {@link #FORMAT_VERSION} for this reader
 * @param schema        the features, label and classes
 * @param encoder       one encoding per schema feature, in schema order
 * @param model         the learned parameters over the encoded vector
 * @param threshold     probabilities at or above it are the positive class; within [0, 1]
 * @param reference     the training distributions, one per schema feature in schema order, and of the predictions
 * @param training      library, version, seed and parameters
 */
public record TabularModelArtifact(String format, int formatVersion, FeatureSchema schema, FeatureEncoder encoder,
                                   ModelParameters model, double threshold, ReferenceStatistics reference,
                                   TrainingMetadata training) {

    public static final String FORMAT = "flywheel.tabular-classifier";
    public static final int FORMAT_VERSION = 1;

    public TabularModelArtifact {
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException("format must be `" + FORMAT + "`, was `" + format + "`");
        }
        if (formatVersion != FORMAT_VERSION) {
            throw new IllegalArgumentException("format version " + formatVersion + " is not supported; this reader "
                    + "reads version " + FORMAT_VERSION);
        }
        ArtifactChecks.requirePresent(schema, "schema");
        ArtifactChecks.requirePresent(encoder, "encoder");
        ArtifactChecks.requirePresent(model, "model");
        ArtifactChecks.requirePresent(reference, "reference");
        ArtifactChecks.requirePresent(training, "training");
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be within [0, 1], was " + threshold);
        }
        checkEncoderFollowsSchema(schema, encoder, model.acceptsMissing());
        model.checkWidth(encoder.width());
        checkReferenceFollowsSchema(schema, reference);
    }

    /** A version-1 artifact of these parts. */
    public static TabularModelArtifact of(FeatureSchema schema, FeatureEncoder encoder, ModelParameters model,
                                          double threshold, ReferenceStatistics reference, TrainingMetadata training) {
        return new TabularModelArtifact(FORMAT, FORMAT_VERSION, schema, encoder, model, threshold, reference, training);
    }

    /** The algorithm's stable name: {@code logistic-regression}, {@code random-forest}, {@code gradient-boosted-trees}. */
    public String algorithm() {
        return model.algorithm();
    }

    private static void checkEncoderFollowsSchema(FeatureSchema schema, FeatureEncoder encoder, boolean missingOk) {
        List<Feature> features = schema.features();
        List<FeatureEncoding> encodings = encoder.features();
        if (encodings.size() != features.size()) {
            throw new IllegalArgumentException("the encoder has " + encodings.size() + " features, the schema "
                    + features.size());
        }
        for (int f = 0; f < features.size(); f++) {
            Feature feature = features.get(f);
            FeatureEncoding encoding = encodings.get(f);
            if (!encoding.feature().equals(feature.name())) {
                throw new IllegalArgumentException("encoder feature " + f + " is `" + encoding.feature()
                        + "` but schema feature " + f + " is `" + feature.name() + "`");
            }
            boolean oneHot = encoding instanceof OneHotEncoding;
            if (oneHot != (feature.type() == ColumnType.CATEGORICAL)) {
                throw new IllegalArgumentException("feature `" + feature.name() + "` is " + feature.type().name()
                        .toLowerCase(java.util.Locale.ROOT) + " but encoded as " + (oneHot ? "one-hot" : "numeric"));
            }
            if (encoding instanceof NumericEncoding numeric && numeric.impute() == null && !missingOk) {
                throw new IllegalArgumentException("feature `" + feature.name() + "` has no impute value, which only "
                        + "gradient-boosted trees accept");
            }
        }
    }

    private static void checkReferenceFollowsSchema(FeatureSchema schema, ReferenceStatistics reference) {
        List<FeatureReference> references = reference.features();
        if (references.size() != schema.features().size()) {
            throw new IllegalArgumentException("the reference has " + references.size() + " features, the schema "
                    + schema.features().size());
        }
        for (int f = 0; f < references.size(); f++) {
            Feature feature = schema.features().get(f);
            FeatureReference ref = references.get(f);
            boolean categorical = ref instanceof CategoricalReference;
            if (!ref.feature().equals(feature.name()) || categorical != (feature.type() == ColumnType.CATEGORICAL)) {
                throw new IllegalArgumentException("reference feature " + f + " (`" + ref.feature()
                        + "`) does not match schema feature `" + feature.name() + "` of the same kind");
            }
        }
    }
}
