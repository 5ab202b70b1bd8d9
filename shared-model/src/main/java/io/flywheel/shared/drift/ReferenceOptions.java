package io.flywheel.shared.drift;

/**
 * How reference statistics are binned.
 *
 * @param bins          quantile bins per numeric value (fewer when values repeat); default 10
 * @param maxCategories categories kept with their own bin, the most frequent first; the rest share "other";
 *                      default 100
 */
public record ReferenceOptions(int bins, int maxCategories) {

    public static final int DEFAULT_BINS = 10;
    public static final int DEFAULT_MAX_CATEGORIES = 100;

    public ReferenceOptions {
        if (bins < 2) {
            throw new IllegalArgumentException("at least 2 bins are needed, was " + bins);
        }
        if (maxCategories < 1) {
            throw new IllegalArgumentException("at least 1 category must be kept, was " + maxCategories);
        }
    }

    public static ReferenceOptions defaults() {
        return new ReferenceOptions(DEFAULT_BINS, DEFAULT_MAX_CATEGORIES);
    }
}
