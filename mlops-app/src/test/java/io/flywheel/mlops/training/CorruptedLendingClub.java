package io.flywheel.mlops.training;

import io.flywheel.testing.TestDatasets;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Lending Club with the two faults of the acceptance line: text where numbers belong (every tenth
 * {@code int_rate} reads {@code unknown}) and 30% of {@code annual_inc} missing.
 */
final class CorruptedLendingClub {

    private CorruptedLendingClub() {
    }

    static byte[] bytes() {
        List<String> lines = new String(TestDatasets.bytes("lending_club.csv"), StandardCharsets.UTF_8).lines().toList();
        List<String> header = List.of(lines.get(0).replace("\"", "").split(","));
        int rate = header.indexOf("int_rate");
        int income = header.indexOf("annual_inc");
        StringBuilder out = new StringBuilder(lines.get(0)).append('\n');
        for (int row = 1; row < lines.size(); row++) {
            String[] cells = lines.get(row).split(",", -1);
            if (row % 10 == 0) {
                cells[rate] = "\"unknown\"";
            }
            if (row % 10 >= 1 && row % 10 <= 3) {
                cells[income] = "";
            }
            out.append(String.join(",", cells)).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
