package io.flywheel.shared.tabular;

import java.util.List;

/**
 * A categorical feature as one 0/1 number per known category, in the listed order; a missing or unseen category
 * encodes as all zeros.
 *
 * @param feature    the feature name
 * @param categories the known categories, distinct and sorted in {@link String} order
 */
public record OneHotEncoding(String feature, List<String> categories) implements FeatureEncoding {

    public OneHotEncoding {
        ArtifactChecks.requireName(feature, "feature");
        categories = List.copyOf(categories == null ? List.of() : categories);
        for (int i = 1; i < categories.size(); i++) {
            if (categories.get(i - 1).compareTo(categories.get(i)) >= 0) {
                throw new IllegalArgumentException("categories of `" + feature + "` must be distinct and sorted; `"
                        + categories.get(i - 1) + "` comes before `" + categories.get(i) + "`");
            }
        }
    }

    @Override
    public int width() {
        return categories.size();
    }
}
