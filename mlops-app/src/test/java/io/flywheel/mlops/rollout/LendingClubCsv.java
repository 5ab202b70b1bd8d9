package io.flywheel.mlops.rollout;

import io.flywheel.testing.TestDatasets;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Slices of the real Lending Club CSV for the rollout tests, as a user would upload them: a range of rows, or the same
 * rows with one more column — {@code bureau_score}, a credit-bureau score joined in at training time that the serving
 * clients never send (training-serving skew: the model it trains is good offline and refuses every live request).
 */
public final class LendingClubCsv {

    private static final String[] LINES = new String(TestDatasets.bytes("lending_club.csv"), StandardCharsets.UTF_8)
            .split("\n");

    private LendingClubCsv() {
    }

    /** Rows [from, to) of the data (0 = the first data row), with the header. */
    public static String rows(int from, int to) {
        StringBuilder csv = new StringBuilder(LINES[0]).append('\n');
        for (int row = from; row < to && row + 1 < LINES.length; row++) {
            csv.append(LINES[row + 1]).append('\n');
        }
        return csv.toString();
    }

    /** The same rows with a {@code bureau_score} column before the label, telling the classes apart (with noise). */
    public static String rowsWithBureauScore(int from, int to) {
        Random noise = new Random(17);
        String[] lines = rows(from, to).split("\n");
        StringBuilder csv = new StringBuilder();
        csv.append(withColumn(lines[0], "\"bureau_score\"")).append('\n');
        for (int i = 1; i < lines.length; i++) {
            boolean bad = lines[i].endsWith("\"bad\"");
            long score = Math.round((bad ? 560 : 700) + noise.nextGaussian() * 50);
            csv.append(withColumn(lines[i], Long.toString(score))).append('\n');
        }
        return csv.toString();
    }

    private static String withColumn(String line, String value) {
        int label = line.lastIndexOf(',');
        return line.substring(0, label) + "," + value + line.substring(label);
    }

    static String[] cells(String line) {
        return line.strip().split(",");
    }

    static String unquoted(String cell) {
        return cell.startsWith("\"") ? cell.substring(1, cell.length() - 1) : cell;
    }
}
