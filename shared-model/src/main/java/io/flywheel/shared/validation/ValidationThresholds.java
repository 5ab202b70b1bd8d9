package io.flywheel.shared.validation;

/**
 * The limits of a default suite; the apps map their {@code flywheel.validation} configuration onto it.
 *
 * @param maxNullRate            largest share of missing values per column (default 5%)
 * @param maxDuplicateRate       largest share of duplicate rows (default 1%)
 * @param minRows                fewest rows (default 100)
 * @param minMinorityShare       smallest share of the rarer class (default 1%)
 * @param maxUnknownCategoryRate largest share of values outside a categorical feature's training categories
 *                               (default 1%)
 */
public record ValidationThresholds(double maxNullRate, double maxDuplicateRate, long minRows, double minMinorityShare,
                                   double maxUnknownCategoryRate) {

    public static final double DEFAULT_MAX_NULL_RATE = 0.05;
    public static final double DEFAULT_MAX_DUPLICATE_RATE = 0.01;
    public static final long DEFAULT_MIN_ROWS = 100;
    public static final double DEFAULT_MIN_MINORITY_SHARE = 0.01;
    public static final double DEFAULT_MAX_UNKNOWN_CATEGORY_RATE = 0.01;

    public static ValidationThresholds defaults() {
        return new ValidationThresholds(DEFAULT_MAX_NULL_RATE, DEFAULT_MAX_DUPLICATE_RATE, DEFAULT_MIN_ROWS,
                DEFAULT_MIN_MINORITY_SHARE, DEFAULT_MAX_UNKNOWN_CATEGORY_RATE);
    }
}
