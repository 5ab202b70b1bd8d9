package io.flywheel.shared.data;

import java.util.List;
import java.util.Objects;

/**
 * One input of a model.
 *
 * @param name       the column name
 * @param type       numeric or categorical
 * @param categories for a categorical feature, the categories seen in training, distinct and sorted in {@link String}
 *                   order; empty otherwise
 */
public record Feature(String name, ColumnType type, List<String> categories) {

    public Feature {
        Table.requireName(name);
        Objects.requireNonNull(type, "feature `" + name + "` needs a type");
        categories = categories == null ? List.of() : List.copyOf(categories);
        if (type == ColumnType.NUMERIC && !categories.isEmpty()) {
            throw new IllegalArgumentException("numeric feature `" + name + "` cannot have categories");
        }
        for (int i = 1; i < categories.size(); i++) {
            if (categories.get(i - 1).compareTo(categories.get(i)) >= 0) {
                throw new IllegalArgumentException("categories of feature `" + name
                        + "` must be sorted and distinct; `" + categories.get(i - 1) + "` comes before `"
                        + categories.get(i) + "`");
            }
        }
    }

    public static Feature numeric(String name) {
        return new Feature(name, ColumnType.NUMERIC, List.of());
    }

    public static Feature categorical(String name, List<String> categories) {
        return new Feature(name, ColumnType.CATEGORICAL, categories.stream().sorted().distinct().toList());
    }
}
