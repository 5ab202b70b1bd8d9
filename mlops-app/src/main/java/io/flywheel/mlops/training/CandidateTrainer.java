package io.flywheel.mlops.training;

import java.util.Map;

/** Trains one algorithm with fixed parameters and seed; a new, independent model per call (thread-safe). */
public interface CandidateTrainer {

    Algorithm algorithm();

    /** The training library, as recorded in the artifact: {@code tribuo}, {@code xgboost}. */
    String library();

    /** Its version. */
    String libraryVersion();

    /** The hyper-parameters by name, as recorded in the artifact and the registry. */
    Map<String, String> parameters();

    /** Fits a model on encoded rows; the same rows and seed give the same model. */
    FittedModel fit(EncodedRows rows, long seed);
}
