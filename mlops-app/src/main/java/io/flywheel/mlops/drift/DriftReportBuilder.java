package io.flywheel.mlops.drift;

import io.flywheel.mlops.predictions.LiveWindow;
import io.flywheel.mlops.registry.VersionView;
import io.flywheel.shared.data.ColumnType;
import io.flywheel.shared.drift.Anomaly;
import io.flywheel.shared.drift.DriftLevel;
import io.flywheel.shared.drift.DriftReport;
import io.flywheel.shared.drift.DriftThresholds;
import io.flywheel.shared.drift.ReferenceStatistics;
import io.flywheel.shared.evaluation.ClassificationMetrics;
import io.flywheel.shared.tabular.TabularModelArtifact;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** Turns what a drift run measured into its report: levels, verdict, the drifted features, live quality. */
final class DriftReportBuilder {

    private static final int CALIBRATION_BINS = ClassificationMetrics.DEFAULT_CALIBRATION_BINS;
    private static final Comparator<FeatureResult> WORST_FIRST = Comparator.comparing(FeatureResult::psi,
            Comparator.nullsLast(Comparator.reverseOrder()));

    private DriftReportBuilder() {
    }

    static DriftReportView build(UUID id, UUID runId, VersionView version, TabularModelArtifact artifact,
                                 LiveWindow window, LiveSample sample, DriftThresholds thresholds, int minRows,
                                 List<Anomaly> anomalies) {
        DriftReport drift = sample.counts().report();
        List<FeatureResult> features = drift.features().stream().map(feature -> FeatureResult.of(feature,
                artifact.schema().feature(feature.feature()).type() == ColumnType.NUMERIC ? "numeric" : "categorical",
                thresholds)).toList();
        FeatureResult prediction = FeatureResult.of(drift.prediction(), ReferenceStatistics.PREDICTION, thresholds);
        boolean judged = sample.rows() >= minRows;
        List<FeatureResult> worstFirst = features.stream().sorted(WORST_FIRST).toList();
        Double maxPsi = judged ? worstFirst.stream().map(FeatureResult::psi).filter(Objects::nonNull).findFirst()
                .orElse(null) : null;
        return new DriftReportView(id, version.model(), version.version(), runId,
                OffsetDateTime.now(ZoneOffset.UTC).toString(), window.describe(), time(sample.from()),
                time(sample.to()), sample.rows(),
                judged ? verdict(features, prediction) : DriftReportView.NO_DATA,
                thresholds, maxPsi, judged ? names(worstFirst, DriftLevel.ALERT) : List.of(),
                judged ? names(worstFirst, DriftLevel.WARN) : List.of(), features, prediction,
                quality(sample, artifact.threshold(), version), anomalies);
    }

    private static String verdict(List<FeatureResult> features, FeatureResult prediction) {
        DriftLevel worst = prediction.level();
        for (FeatureResult feature : features) {
            worst = feature.level().compareTo(worst) > 0 ? feature.level() : worst;
        }
        return worst.label();
    }

    private static List<String> names(List<FeatureResult> features, DriftLevel level) {
        return features.stream().filter(feature -> feature.level() == level).map(FeatureResult::feature).toList();
    }

    private static LiveQuality quality(LiveSample sample, double threshold, VersionView version) {
        if (sample.labelled().scores().length == 0) {
            return null;
        }
        ClassificationMetrics live = ClassificationMetrics.of(sample.labelled().truth(), sample.labelled().scores(),
                threshold, CALIBRATION_BINS);
        return new LiveQuality(sample.labelled().scores().length, live.accuracy(), live.rocAuc(),
                version.metrics() == null ? null : version.metrics().get("accuracy"),
                version.metrics() == null ? null : version.metrics().get("roc_auc"));
    }

    private static String time(Instant at) {
        return at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC).toString();
    }
}
