package io.flywheel.mlops.training;

import io.flywheel.shared.data.FeatureSchema;
import io.flywheel.shared.data.Table;
import io.flywheel.shared.tabular.FeatureEncoder;
import java.util.List;

/**
 * Rows as a training library sees them: the encoded vectors ({@code NaN} = missing, only for boosted trees), their
 * 0/1 labels and the encoded feature names.
 *
 * @param values  {@code [row][encoded feature]}
 * @param labels  1 for the positive class, 0 for the negative one
 * @param names   the encoded feature names, {@link FeatureEncoder#encodedNames()}
 * @param classes the two class names, {@code [negative, positive]}
 */
public record EncodedRows(double[][] values, int[] labels, List<String> names, List<String> classes) {

    /** The table's rows through the encoder, labelled by the schema. */
    public static EncodedRows of(FeatureEncoder encoder, FeatureSchema schema, Table table) {
        return new EncodedRows(encoder.encode(table), schema.labels(table), encoder.encodedNames(), schema.classes());
    }

    public int size() {
        return labels.length;
    }

    public String positiveClass() {
        return classes.get(1);
    }
}
