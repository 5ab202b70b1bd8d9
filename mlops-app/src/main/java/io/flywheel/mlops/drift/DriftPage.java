package io.flywheel.mlops.drift;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the printable HTML report shows: the report, and per feature an inline SVG bar chart of reference and live
 * shares per bin, laid out here so that the template only places numbers (no script, no CDN).
 */
public record DriftPage(DriftReportView report, List<Chart> charts, String maxPsi) {

    static final int BAR_WIDTH = 14;
    static final int BIN_GAP = 8;
    static final int PLOT_HEIGHT = 100;
    static final int LABEL_SPACE = 14;

    /** One feature's chart. */
    public record Chart(String feature, String type, String psi, String kl, String level, int width, int height,
                        int baseline, List<Bar> bars) {
    }

    /** One bin: the reference bar, then the live bar beside it. */
    public record Bar(String label, int x, int liveX, int width, double referenceY, double referenceHeight,
                      double liveY, double liveHeight, String referenceShare, String liveShare) {
    }

    static DriftPage of(DriftReportView report) {
        List<Chart> charts = new ArrayList<>();
        report.features().forEach(feature -> charts.add(chart(feature)));
        charts.add(chart(report.prediction()));
        return new DriftPage(report, charts, number(report.maxPsi()));
    }

    private static Chart chart(FeatureResult feature) {
        double top = 0;
        for (int b = 0; b < feature.bins().size(); b++) {
            top = Math.max(top, Math.max(feature.referenceShares()[b], feature.liveShares()[b]));
        }
        double scale = top == 0 ? 0 : PLOT_HEIGHT / top;
        List<Bar> bars = new ArrayList<>();
        for (int b = 0; b < feature.bins().size(); b++) {
            int x = b * (2 * BAR_WIDTH + BIN_GAP);
            double reference = feature.referenceShares()[b] * scale;
            double live = feature.liveShares()[b] * scale;
            bars.add(new Bar(feature.bins().get(b), x, x + BAR_WIDTH, BAR_WIDTH, PLOT_HEIGHT - reference, reference,
                    PLOT_HEIGHT - live, live, percent(feature.referenceShares()[b]), percent(feature.liveShares()[b])));
        }
        int width = Math.max(1, feature.bins().size() * (2 * BAR_WIDTH + BIN_GAP));
        return new Chart(feature.feature(), feature.type(), number(feature.psi()), number(feature.kl()),
                feature.level().label(), width, PLOT_HEIGHT + LABEL_SPACE, PLOT_HEIGHT, bars);
    }

    private static String number(Double value) {
        return value == null ? "n/a" : String.format(Locale.ROOT, "%.4f", value);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }
}
