package io.flywheel.mlops.dashboard;

import io.flywheel.mlops.drift.DriftReportSummary;
import io.flywheel.mlops.drift.DriftReportView;
import io.flywheel.mlops.drift.DriftReports;
import io.flywheel.mlops.drift.FeatureResult;
import io.quarkus.qute.TemplateData;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** What the drift page shows: per model its newest drift reports, and the newest one's PSI per feature. */
@ApplicationScoped
public class DriftPanels {

    /** Reports read to list the newest of each model: enough for a few per model of many models. */
    static final int REPORTS_READ = 500;

    private final DriftReports reports;
    private final DashboardSettings settings;

    public DriftPanels(DriftReports reports, DashboardSettings settings) {
        this.reports = reports;
        this.settings = settings;
    }

    /** One panel per model with a drift report, models by name. */
    public Uni<List<DriftPanel>> panels() {
        return reports.newestPerModel().chain(newest -> reports.list(null, 0, REPORTS_READ).map(listed -> {
            Map<String, List<DriftReportSummary>> byModel = listed.stream()
                    .collect(Collectors.groupingBy(DriftReportSummary::model));
            return newest.stream().sorted(Comparator.comparing(DriftReportView::model))
                    .map(report -> panel(report, byModel.getOrDefault(report.model(), List.of()))).toList();
        }));
    }

    private DriftPanel panel(DriftReportView newest, List<DriftReportSummary> listed) {
        List<DriftRunRow> runs = listed.stream().limit(settings.driftReportsPerModel())
                .map(DriftPanels::row).toList();
        List<FeatureResult> charted = new ArrayList<>(newest.features() == null ? List.of() : newest.features());
        if (newest.prediction() != null) {
            charted.add(newest.prediction());
        }
        String chart = newest.thresholds() == null ? "" : SvgCharts.psiBars(charted, newest.thresholds());
        String predictionPsi = newest.prediction() == null || newest.prediction().psi() == null ? ""
                : String.format(Locale.ROOT, "%.4f", newest.prediction().psi());
        FeatureResult worst = worst(newest.features());
        return new DriftPanel(newest.model(), runs, row(newest), chart, predictionPsi,
                worst == null ? "" : worst.feature(), worst == null ? "" : SvgCharts.shareBars(worst));
    }

    /** The feature with the largest PSI: the one whose bins are worth looking at first. */
    private static FeatureResult worst(List<FeatureResult> features) {
        return features == null ? null : features.stream().filter(feature -> feature.psi() != null)
                .max(Comparator.comparingDouble(FeatureResult::psi)).orElse(null);
    }

    private static DriftRunRow row(DriftReportSummary report) {
        return new DriftRunRow(report.id().toString(), report.version(), report.verdict(), report.liveRows() + " rows",
                report.createdAt(), psi(report.maxPsi()), href(report.id().toString()));
    }

    private static DriftRunRow row(DriftReportView report) {
        String window = report.windowFrom() == null ? report.liveRows() + " rows"
                : report.windowFrom() + " – " + report.windowTo() + " (" + report.liveRows() + " rows)";
        return new DriftRunRow(report.id().toString(), report.version(), report.verdict(), window,
                report.createdAt(), psi(report.maxPsi()), href(report.id().toString()));
    }

    private static String psi(Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "%.4f", value);
    }

    /** The printable report, opened by the script with the key (never put in this link). */
    private static String href(String id) {
        return "/api/drift/reports/" + id + ".html";
    }

    /**
     * A model's drift: its newest reports, and the newest one's PSI bars and its worst feature's shares per bin (raw
     * SVG drawn by {@link SvgCharts}).
     */
    @TemplateData
    public record DriftPanel(String model, List<DriftRunRow> runs, DriftRunRow newest, String psiChart,
                             String predictionPsi, String worstFeature, String sharesChart) {
    }

    /** One drift report in a model's list: verdict, window, when, its largest PSI and where it prints. */
    @TemplateData
    public record DriftRunRow(String id, int version, String verdict, String window, String createdAt, String maxPsi,
                              String href) {
    }
}
