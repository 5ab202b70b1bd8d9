package io.flywheel.testing;

import io.flywheel.shared.data.Table;
import io.flywheel.shared.data.TableBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The real datasets shipped in this test-jar ({@code /datasets}, attribution in its README) as {@link Table}s, for
 * the tests of shared-model and of both apps.
 */
public final class TestDatasets {

    private TestDatasets() {
    }

    /** Lending Club loans: 9,857 rows, 22 features (numeric and categorical), label {@code Class} (good/bad). */
    public static Table lendingClub() {
        return read("/datasets/lending_club.csv", 0);
    }

    /** Wisconsin breast cancer: 569 rows, 30 numeric features named f1..f30, label {@code diagnosis} (0/1). */
    public static Table breastCancer() {
        return read("/datasets/breast_cancer_wdbc.csv", 1, breastCancerHeader());
    }

    /** The raw bytes of a shipped dataset, e.g. {@code lending_club.csv}. */
    public static byte[] bytes(String file) {
        try (InputStream in = open("/datasets/" + file)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> breastCancerHeader() {
        List<String> header = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            header.add("f" + i);
        }
        header.add("diagnosis");
        return header;
    }

    private static Table read(String resource, int skipLines) {
        return read(resource, skipLines, null);
    }

    private static Table read(String resource, int skipLines, List<String> header) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(open(resource), StandardCharsets.UTF_8))) {
            for (int i = 0; i < skipLines; i++) {
                reader.readLine();
            }
            TableBuilder builder = Table.builder(header != null ? header : splitLine(reader.readLine()));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isEmpty()) {
                    builder.addRow(splitLine(line).toArray(String[]::new));
                }
            }
            return builder.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String resource) {
        InputStream in = TestDatasets.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException(resource + " is not on the classpath");
        }
        return in;
    }

    /** Splits one CSV line; the shipped files quote plain cells and never embed commas or quotes in them. */
    private static List<String> splitLine(String line) {
        List<String> cells = new ArrayList<>();
        for (String cell : line.split(",", -1)) {
            cells.add(cell.length() >= 2 && cell.startsWith("\"") && cell.endsWith("\"")
                    ? cell.substring(1, cell.length() - 1) : cell);
        }
        return cells;
    }
}
