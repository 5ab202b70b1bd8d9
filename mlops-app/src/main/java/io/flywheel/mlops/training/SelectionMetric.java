package io.flywheel.mlops.training;

import java.util.Locale;

/** The figures a candidate can be selected by, and whether more is better. */
public enum SelectionMetric {
    ROC_AUC("roc-auc", true),
    PR_AUC("pr-auc", true),
    LOG_LOSS("log-loss", false),
    BRIER("brier", false);

    private final String label;
    private final boolean higherIsBetter;

    SelectionMetric(String label, boolean higherIsBetter) {
        this.label = label;
        this.higherIsBetter = higherIsBetter;
    }

    public String label() {
        return label;
    }

    /** Whether {@code candidate} beats {@code best}; a tie keeps the earlier candidate. */
    public boolean beats(double candidate, double best) {
        return higherIsBetter ? candidate > best : candidate < best;
    }

    /** The metric of a stable name ({@code roc-auc}, ...), or a precise error listing the known ones. */
    public static SelectionMetric parse(String name) {
        for (SelectionMetric metric : values()) {
            if (metric.label.equals(name.strip().toLowerCase(Locale.ROOT))) {
                return metric;
            }
        }
        throw new IllegalArgumentException("unknown selection metric `" + name + "`; known: roc-auc, pr-auc, "
                + "log-loss, brier");
    }
}
