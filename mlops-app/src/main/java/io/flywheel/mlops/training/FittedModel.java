package io.flywheel.mlops.training;

import io.flywheel.shared.tabular.ModelParameters;

/** A model as the training library holds it: its own predictions, and its export to the portable artifact. */
public interface FittedModel {

    /** The positive-class probability of every row, computed by the training library itself. */
    double[] predict(EncodedRows rows);

    /** The learned parameters in the portable format, over the same encoded vector. */
    ModelParameters export();
}
