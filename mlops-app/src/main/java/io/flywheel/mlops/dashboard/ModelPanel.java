package io.flywheel.mlops.dashboard;

import io.quarkus.qute.TemplateData;
import java.util.List;

/**
 * One model on the models page: its newest versions side by side, one row per metric, and each version's charts.
 *
 * @param versions the version numbers heading the columns, newest first
 */
@TemplateData
public record ModelPanel(String name, String kind, Integer productionVersion, List<Integer> versions,
                         List<MetricRow> metrics, List<VersionPanel> panels) {

    /** One metric across the versions; {@code best} marks the best value of the row. */
    @TemplateData
    public record MetricRow(String name, List<MetricCell> cells) {
    }

    /** One value, formatted, and whether it is the best of its row. */
    @TemplateData
    public record MetricCell(String value, boolean best) {
    }

    /** One version's stage, verdict and charts (inline SVG, empty when the version has no such details). */
    @TemplateData
    public record VersionPanel(int version, String stage, String aliases, String description, String evaluation,
                               String calibration, String confusion, String importance) {
    }
}
