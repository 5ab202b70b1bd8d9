package io.flywheel.mlops.data;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * What one column of a snapshot holds.
 *
 * @param name          the column
 * @param type          {@code numeric} or {@code categorical}
 * @param role          {@code feature} or {@code label}
 * @param missing       rows without a value
 * @param min           smallest value (numeric)
 * @param max           largest value (numeric)
 * @param mean          mean of present values (numeric)
 * @param std           population standard deviation of present values (numeric)
 * @param distinct      number of distinct categories (categorical)
 * @param topCategories the most frequent categories and their counts (categorical), most frequent first
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ColumnProfile(String name, String type, String role, long missing, Double min, Double max, Double mean,
                            Double std, Integer distinct, Map<String, Long> topCategories) {
}
