package io.flywheel.mlops.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.flywheel.mlops.drift.FeatureResult;
import io.flywheel.shared.drift.DriftThresholds;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws the dashboard's charts as inline SVG on the server: no script, no chart library, nothing fetched by the
 * browser, and the same markup prints. Each chart takes the JSON a trained version keeps in its registry details.
 */
final class SvgCharts {

    private static final int BAR_ROW = 18;
    private static final int BAR_LABEL = 150;
    private static final int BAR_WIDTH = 220;
    private static final int PLOT = 200;
    private static final int MARGIN = 30;
    private static final int CELL = 80;
    /** How far past the alert threshold the PSI scale reaches when no feature is above it. */
    private static final double PSI_HEADROOM = 1.5;

    private SvgCharts() {
    }

    /**
     * Horizontal bars of permutation importance ({@code [{"feature", "importance"}]}), largest first as stored. A
     * negative importance (shuffling helped) is drawn as an empty bar and its value still printed.
     */
    static String importanceBars(JsonNode importance, int limit) {
        List<JsonNode> rows = new ArrayList<>();
        importance.forEach(rows::add);
        rows = rows.subList(0, Math.min(limit, rows.size()));
        if (rows.isEmpty()) {
            return "";
        }
        double max = rows.stream().mapToDouble(row -> row.path("importance").asDouble()).max().orElse(0);
        double scale = max > 0 ? BAR_WIDTH / max : 0;
        int height = rows.size() * BAR_ROW + 4;
        StringBuilder svg = open("feature importance", BAR_LABEL + BAR_WIDTH + 60, height, "chart importance");
        for (int i = 0; i < rows.size(); i++) {
            String feature = rows.get(i).path("feature").asText();
            double value = rows.get(i).path("importance").asDouble();
            int y = i * BAR_ROW + 2;
            double width = Math.max(0, value) * scale;
            svg.append(String.format(Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" class=\"label\">%s</text>"
                            + "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" class=\"bar\"><title>%s: %.4f</title></rect>"
                            + "<text x=\"%.1f\" y=\"%d\" class=\"value\">%.4f</text>",
                    BAR_LABEL - 6, y + 12, escape(feature), BAR_LABEL, y, width, BAR_ROW - 4, escape(feature), value,
                    BAR_LABEL + width + 4, y + 12, value));
        }
        return svg.append("</svg>").toString();
    }

    /**
     * The reliability diagram: mean predicted probability against the observed positive rate per bin
     * ({@code {"bins": [{"lower", "upper", "count", "meanPredicted", "observedRate"}]}}), with the diagonal of a
     * perfectly calibrated model. Empty bins have no point.
     */
    static String reliability(JsonNode calibration) {
        StringBuilder svg = open("calibration", PLOT + 2 * MARGIN, PLOT + 2 * MARGIN, "chart calibration");
        svg.append(String.format(Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" class=\"frame\"/>"
                        + "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"diagonal\"/>"
                        + "<text x=\"%d\" y=\"%d\" class=\"axis\">predicted</text>"
                        + "<text x=\"4\" y=\"%d\" class=\"axis\">observed</text>",
                MARGIN, MARGIN, PLOT, PLOT, MARGIN, MARGIN + PLOT, MARGIN + PLOT, MARGIN, MARGIN + PLOT / 2 - 25,
                PLOT + 2 * MARGIN - 8, MARGIN - 10));
        StringBuilder line = new StringBuilder();
        for (JsonNode bin : calibration.path("bins")) {
            if (bin.path("count").asLong() == 0 || !bin.path("meanPredicted").isNumber()) {
                continue;
            }
            double x = MARGIN + bin.path("meanPredicted").asDouble() * PLOT;
            double y = MARGIN + PLOT - bin.path("observedRate").asDouble() * PLOT;
            line.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            svg.append(String.format(Locale.ROOT,
                    "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" class=\"point\"><title>%.2f–%.2f: predicted %.3f, "
                            + "observed %.3f, %d rows</title></circle>",
                    x, y, bin.path("lower").asDouble(), bin.path("upper").asDouble(),
                    bin.path("meanPredicted").asDouble(), bin.path("observedRate").asDouble(),
                    bin.path("count").asLong()));
        }
        svg.append("<polyline points=\"").append(line.toString().trim()).append("\" class=\"curve\"/>");
        return svg.append("</svg>").toString();
    }

    /**
     * The confusion matrix at the version's threshold
     * ({@code {"truePositives", "falsePositives", "trueNegatives", "falseNegatives"}}), each cell shaded by its share.
     */
    static String confusion(JsonNode matrix) {
        long tp = matrix.path("truePositives").asLong();
        long fp = matrix.path("falsePositives").asLong();
        long tn = matrix.path("trueNegatives").asLong();
        long fn = matrix.path("falseNegatives").asLong();
        double total = Math.max(1, tp + fp + tn + fn);
        StringBuilder svg = open("confusion matrix", 2 * CELL + 70, 2 * CELL + 40, "chart confusion");
        svg.append("<text x=\"70\" y=\"14\" class=\"axis\">predicted 1</text>")
                .append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"14\" class=\"axis\">predicted 0</text>", 70 + CELL))
                .append(String.format(Locale.ROOT, "<text x=\"2\" y=\"%d\" class=\"axis\">actual 1</text>", 24 + CELL / 2))
                .append(String.format(Locale.ROOT, "<text x=\"2\" y=\"%d\" class=\"axis\">actual 0</text>", 24 + CELL + CELL / 2));
        cell(svg, 0, 0, "true positives", tp, total);
        cell(svg, 1, 0, "false negatives", fn, total);
        cell(svg, 0, 1, "false positives", fp, total);
        cell(svg, 1, 1, "true negatives", tn, total);
        return svg.append("</svg>").toString();
    }

    /**
     * Horizontal PSI bars, one per feature and one for the prediction, each classed by its level ({@code ok},
     * {@code warn}, {@code alert}), with dashed lines at the warning and alert thresholds. The scale reaches past the
     * alert threshold so that both lines show even when nothing drifted; a feature without a PSI has an empty bar.
     */
    static String psiBars(List<FeatureResult> features, DriftThresholds thresholds) {
        if (features.isEmpty()) {
            return "";
        }
        double max = Math.max(thresholds.alert() * PSI_HEADROOM, features.stream()
                .mapToDouble(feature -> feature.psi() == null ? 0 : feature.psi()).max().orElse(0));
        double scale = BAR_WIDTH / max;
        int height = features.size() * BAR_ROW + 16;
        StringBuilder svg = open("PSI per feature", BAR_LABEL + BAR_WIDTH + 60, height, "chart psi");
        for (int i = 0; i < features.size(); i++) {
            FeatureResult feature = features.get(i);
            double psi = feature.psi() == null ? 0 : feature.psi();
            String level = feature.level() == null ? "none" : feature.level().name().toLowerCase(Locale.ROOT);
            int y = i * BAR_ROW + 14;
            svg.append(String.format(Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" class=\"label\">%s</text>"
                            + "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" class=\"bar psi-%s\">"
                            + "<title>%s: PSI %.4f (%s)</title></rect>"
                            + "<text x=\"%.1f\" y=\"%d\" class=\"value\">%.3f</text>",
                    BAR_LABEL - 6, y + 12, escape(feature.feature()), BAR_LABEL, y, psi * scale, BAR_ROW - 4, level,
                    escape(feature.feature()), psi, level, BAR_LABEL + psi * scale + 4, y + 12, psi));
        }
        threshold(svg, "warn", thresholds.warn(), scale, height);
        threshold(svg, "alert", thresholds.alert(), scale, height);
        return svg.append("</svg>").toString();
    }

    /**
     * A feature's share of rows per bin, the training reference beside the live window: where the mass moved. Bars
     * are scaled to the largest share of either; the bin's label is the stored one (escaped).
     */
    static String shareBars(FeatureResult feature) {
        double[] reference = feature.referenceShares();
        double[] live = feature.liveShares();
        if (reference == null || live == null || feature.bins() == null || feature.bins().isEmpty()) {
            return "";
        }
        int bins = Math.min(feature.bins().size(), Math.min(reference.length, live.length));
        double max = 0;
        for (int i = 0; i < bins; i++) {
            max = Math.max(max, Math.max(reference[i], live[i]));
        }
        double scale = max > 0 ? BAR_WIDTH / max : 0;
        int row = 2 * BAR_ROW;
        StringBuilder svg = open("shares per bin of " + escape(feature.feature()), BAR_LABEL + BAR_WIDTH + 60,
                bins * row + 4, "chart shares");
        for (int i = 0; i < bins; i++) {
            String bin = escape(feature.bins().get(i));
            int y = i * row + 2;
            svg.append(String.format(Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" class=\"label\">%s</text>", BAR_LABEL - 6,
                    y + BAR_ROW + 4, bin));
            share(svg, "reference", bin, reference[i], scale, y);
            share(svg, "live", bin, live[i], scale, y + BAR_ROW - 2);
        }
        return svg.append("</svg>").toString();
    }

    private static void share(StringBuilder svg, String side, String bin, double share, double scale, int y) {
        svg.append(String.format(Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" class=\"bar share-%s\">"
                        + "<title>%s, %s: %.1f%%</title></rect>"
                        + "<text x=\"%.1f\" y=\"%d\" class=\"value\">%.1f%%</text>",
                BAR_LABEL, y, share * scale, BAR_ROW - 4, side, bin, side, share * 100,
                BAR_LABEL + share * scale + 4, y + 12, share * 100));
    }

    private static void threshold(StringBuilder svg, String name, double psi, double scale, int height) {
        double x = BAR_LABEL + psi * scale;
        svg.append(String.format(Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"12\" x2=\"%.1f\" y2=\"%d\" class=\"threshold threshold-%s\">"
                        + "<title>%s at PSI %.2f</title></line>"
                        + "<text x=\"%.1f\" y=\"10\" text-anchor=\"middle\" class=\"axis\">%s %.2f</text>",
                x, x, height, name, name, psi, x, name, psi));
    }

    private static void cell(StringBuilder svg, int column, int row, String name, long count, double total) {
        int x = 62 + column * CELL;
        int y = 20 + row * CELL;
        svg.append(String.format(Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" class=\"cell\" fill-opacity=\"%.2f\"><title>%s: %d</title></rect>"
                        + "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" class=\"count\">%d</text>",
                x, y, CELL - 2, CELL - 2, 0.1 + 0.8 * count / total, name, count, x + CELL / 2, y + CELL / 2 + 5, count));
    }

    private static StringBuilder open(String title, int width, int height, String cssClass) {
        return new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" class=\"%s\" width=\"%d\" height=\"%d\" "
                        + "viewBox=\"0 0 %d %d\"><title>%s</title>", cssClass, width, height, width, height, title));
    }

    /** Text from stored data is escaped before it enters the markup. */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
