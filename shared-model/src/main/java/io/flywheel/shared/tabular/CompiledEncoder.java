package io.flywheel.shared.tabular;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link FeatureEncoder} flattened into arrays: encodes one row of columnar input into a caller's buffer without
 * allocating. The only encoding code there is — training ({@link FeatureEncoder#encode}) and serving both run it.
 */
final class CompiledEncoder {

    private final int width;
    private final boolean[] oneHot;
    private final int[] offset;
    private final double[] impute;
    private final double[] center;
    private final double[] scale;
    private final int[] categoryCount;
    private final Map<String, Integer>[] categoryIndex;

    @SuppressWarnings("unchecked")
    CompiledEncoder(FeatureEncoder encoder) {
        List<FeatureEncoding> features = encoder.features();
        int count = features.size();
        oneHot = new boolean[count];
        offset = new int[count];
        impute = new double[count];
        center = new double[count];
        scale = new double[count];
        categoryCount = new int[count];
        categoryIndex = new Map[count];
        int next = 0;
        for (int f = 0; f < count; f++) {
            offset[f] = next;
            next += features.get(f).width();
            if (features.get(f) instanceof OneHotEncoding encoding) {
                oneHot[f] = true;
                categoryCount[f] = encoding.width();
                categoryIndex[f] = new HashMap<>();
                for (int c = 0; c < encoding.categories().size(); c++) {
                    categoryIndex[f].put(encoding.categories().get(c), c);
                }
            } else {
                NumericEncoding encoding = (NumericEncoding) features.get(f);
                impute[f] = encoding.impute() == null ? Double.NaN : encoding.impute();
                center[f] = encoding.center();
                scale[f] = encoding.scale();
            }
        }
        width = next;
    }

    int width() {
        return width;
    }

    int featureCount() {
        return oneHot.length;
    }

    /**
     * Encodes one row. {@code numeric[f]} holds the values of feature {@code f} when it is numeric ({@code NaN} =
     * missing), {@code categorical[f]} when it is categorical ({@code null} = missing).
     */
    void encode(double[][] numeric, String[][] categorical, int row, double[] out) {
        for (int f = 0; f < oneHot.length; f++) {
            int at = offset[f];
            if (oneHot[f]) {
                for (int c = 0; c < categoryCount[f]; c++) {
                    out[at + c] = 0;
                }
                String category = categorical[f][row];
                Integer index = category == null ? null : categoryIndex[f].get(category);
                if (index != null) {
                    out[at + index] = 1;
                }
            } else {
                double value = numeric[f][row];
                if (value != value) {
                    value = impute[f];
                }
                out[at] = (value - center[f]) / scale[f];
            }
        }
    }
}
