package io.flywheel.mlops.data;

import java.util.List;

/**
 * What an upload says about its CSV besides the rows (query parameters of {@code POST /api/datasets}).
 *
 * @param name          the dataset the snapshot belongs to
 * @param label         the label column
 * @param positiveClass the class to predict; default the minority class
 * @param features      the feature columns, in order; default every column but the label
 * @param categorical   columns to read as categories even when they look like numbers
 * @param numeric       columns that must hold numbers (a text cell is refused, naming its row)
 * @param delimiter     the cell separator: {@code ,} (default), {@code ;}, {@code |} or {@code tab}
 */
public record UploadRequest(String name, String label, String positiveClass, List<String> features,
                            List<String> categorical, List<String> numeric, String delimiter) {

    public UploadRequest {
        features = features == null ? List.of() : List.copyOf(features);
        categorical = categorical == null ? List.of() : List.copyOf(categorical);
        numeric = numeric == null ? List.of() : List.copyOf(numeric);
    }
}
