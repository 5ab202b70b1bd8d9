package io.flywheel.mlops.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.flywheel.mlops.dashboard.ModelPanel.MetricCell;
import io.flywheel.mlops.dashboard.ModelPanel.MetricRow;
import io.flywheel.mlops.dashboard.ModelPanel.VersionPanel;
import io.flywheel.mlops.registry.ModelView;
import io.flywheel.mlops.registry.RegistryQueries;
import io.flywheel.mlops.registry.VersionView;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** The models page: every model with its newest versions side by side, their metrics and charts. */
@ApplicationScoped
public class ModelPanels {

    /** The metrics compared across versions, and whether a higher value is better. */
    private static final List<Metric> METRICS = List.of(new Metric("roc_auc", true), new Metric("pr_auc", true),
            new Metric("brier", false), new Metric("ece", false), new Metric("log_loss", false),
            new Metric("f1", true), new Metric("precision", true), new Metric("recall", true),
            new Metric("accuracy", true), new Metric("threshold", null), new Metric("holdout_rows", null));
    private static final int IMPORTANCE_BARS = 12;

    private final RegistryQueries registry;
    private final DashboardSettings settings;

    public ModelPanels(RegistryQueries registry, DashboardSettings settings) {
        this.registry = registry;
        this.settings = settings;
    }

    /** Every model by name, each with its newest versions. */
    public Uni<List<ModelPanel>> panels() {
        return registry.models(null).chain(models -> Multi.createFrom().iterable(models)
                .onItem().transformToUniAndConcatenate(model -> registry.versions(model.name(), null)
                        .map(versions -> panel(model, versions.subList(0, Math.min(versions.size(),
                                settings.versionsPerModel())))))
                .collect().asList());
    }

    static ModelPanel panel(ModelView model, List<VersionView> versions) {
        List<MetricRow> rows = new ArrayList<>();
        for (Metric metric : METRICS) {
            List<Double> values = versions.stream().map(v -> v.metrics() == null ? null : v.metrics().get(metric.name))
                    .toList();
            if (values.stream().anyMatch(Objects::nonNull)) {
                rows.add(new MetricRow(metric.name, cells(values, metric.higherIsBetter)));
            }
        }
        return new ModelPanel(model.name(), model.kind().label(), model.productionVersion(),
                versions.stream().map(VersionView::version).toList(), rows,
                versions.stream().map(ModelPanels::versionPanel).toList());
    }

    private static List<MetricCell> cells(List<Double> values, Boolean higherIsBetter) {
        Double best = higherIsBetter == null || values.size() < 2 ? null : values.stream().filter(Objects::nonNull)
                .reduce(higherIsBetter ? Math::max : Math::min).orElse(null);
        return values.stream().map(value -> new MetricCell(format(value), value != null && value.equals(best))).toList();
    }

    private static VersionPanel versionPanel(VersionView version) {
        JsonNode details = version.details();
        boolean has = details != null && details.isObject();
        return new VersionPanel(version.version(), version.stage().label(), String.join(", ", version.aliases()),
                version.description(), evaluation(version.evaluation()),
                has && details.has("calibration") ? SvgCharts.reliability(details.get("calibration")) : "",
                has && details.has("confusion") ? SvgCharts.confusion(details.get("confusion")) : "",
                has && details.has("feature_importance")
                        ? SvgCharts.importanceBars(details.get("feature_importance"), IMPORTANCE_BARS) : "");
    }

    private static String evaluation(JsonNode verdict) {
        if (verdict == null || verdict.isNull()) {
            return "not evaluated";
        }
        return (verdict.path("passed").asBoolean() ? "passed" : "failed") + ": " + verdict.path("summary").asText("");
    }

    private static String format(Double value) {
        if (value == null) {
            return "–";
        }
        return value == Math.rint(value) && Math.abs(value) >= 1 ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.4f", value);
    }

    private record Metric(String name, Boolean higherIsBetter) {
    }
}
