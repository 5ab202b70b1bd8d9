package io.flywheel.mlops.dashboard;

import io.quarkus.qute.TemplateData;
import java.util.List;

/**
 * A replay of logged predictions of one model through its current Production version.
 *
 * @param model             the model replayed, or {@code null} when none was chosen
 * @param productionVersion the version that scored them now, or {@code null}
 * @param note              why nothing could be replayed, or {@code null}
 */
@TemplateData
public record Replay(List<String> models, String model, Integer productionVersion, int rows, List<ReplayRow> replayed,
                     long changed, String note) {
}
