package io.flywheel.shared.tabular;

import java.util.Map;
import java.util.TreeMap;

/**
 * How a model was trained, enough to train it again. No timestamp on purpose: the same data and parameters must give
 * the same artifact bytes (the registry records when).
 *
 * @param library        the training library, e.g. {@code tribuo} or {@code xgboost}
 * @param libraryVersion its version, e.g. {@code 4.3.2}
 * @param seed           the random seed
 * @param parameters     the hyper-parameters by name, as text (stored sorted by name)
 */
public record TrainingMetadata(String library, String libraryVersion, long seed, Map<String, String> parameters) {

    public TrainingMetadata {
        ArtifactChecks.requireName(library, "training.library");
        ArtifactChecks.requireName(libraryVersion, "training.libraryVersion");
        parameters = parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(parameters));
    }
}
