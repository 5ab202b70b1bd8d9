package io.flywheel.mlops.rollout;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the Prometheus text exposition format (version 0.0.4, what Micrometer's registry writes at {@code /q/metrics};
 * OpenMetrics exemplars after a value are skipped):
 * one sample per line, {@code name{label="value",...} value [timestamp]}, comments and blank lines skipped. Strict: a
 * line it cannot read fails the whole scrape (naming the line), because an analysis must never be computed from a
 * half-understood answer. Written here because the well-kept Prometheus Java libraries write this format but do not
 * read it, and the grammar is a dozen lines.
 */
public final class PrometheusText {

    /** One sample: metric name, labels, value. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private PrometheusText() {
    }

    /** Every sample of the text; {@link IllegalArgumentException} naming the first line that is not the format. */
    public static List<Sample> parse(String text) {
        List<Sample> samples = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int number = 0; number < lines.length; number++) {
            String line = lines[number].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                samples.add(sample(line));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("line " + (number + 1) + " is not a Prometheus sample ("
                        + e.getMessage() + "): " + abbreviated(line), e);
            }
        }
        return samples;
    }

    private static Sample sample(String line) {
        int position = 0;
        while (position < line.length() && isNameChar(line.charAt(position), position == 0)) {
            position++;
        }
        if (position == 0) {
            throw new IllegalArgumentException("no metric name");
        }
        String name = line.substring(0, position);
        Map<String, String> labels = new LinkedHashMap<>();
        if (position < line.length() && line.charAt(position) == '{') {
            position = labels(line, position + 1, labels);
        }
        String tail = line.substring(position);
        int exemplar = tail.indexOf(" # ");
        // OpenMetrics may append an exemplar ("# {trace_id=…} value ts"); it is not part of the sample
        String[] rest = (exemplar < 0 ? tail : tail.substring(0, exemplar)).strip().split("\\s+");
        if (rest.length < 1 || rest.length > 2 || rest[0].isEmpty()) {
            throw new IllegalArgumentException("expected a value and an optional timestamp");
        }
        return new Sample(name, labels, value(rest[0]));
    }

    // reads label="value" pairs up to the closing brace; returns the position after it
    private static int labels(String line, int start, Map<String, String> labels) {
        int position = start;
        while (true) {
            position = skipSpaces(line, position);
            if (charAt(line, position) == '}') {
                return position + 1;
            }
            int nameStart = position;
            while (position < line.length() && isNameChar(line.charAt(position), position == nameStart)
                    && line.charAt(position) != ':') {
                position++;
            }
            if (position == nameStart || charAt(line, position) != '=' || charAt(line, position + 1) != '"') {
                throw new IllegalArgumentException("a label must be name=\"value\"");
            }
            String label = line.substring(nameStart, position);
            StringBuilder value = new StringBuilder();
            position += 2;
            while (charAt(line, position) != '"') {
                char c = charAt(line, position);
                if (c == '\\') {
                    char escaped = charAt(line, ++position);
                    value.append(escaped == 'n' ? '\n' : escaped);
                } else {
                    value.append(c);
                }
                position++;
            }
            labels.put(label, value.toString());
            position = skipSpaces(line, position + 1);
            if (charAt(line, position) == ',') {
                position++;
            } else if (charAt(line, position) != '}') {
                throw new IllegalArgumentException("labels must be separated by commas");
            }
        }
    }

    private static double value(String text) {
        return switch (text) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }

    private static char charAt(String line, int position) {
        if (position >= line.length()) {
            throw new IllegalArgumentException("the line ends inside the labels");
        }
        return line.charAt(position);
    }

    private static int skipSpaces(String line, int position) {
        while (position < line.length() && line.charAt(position) == ' ') {
            position++;
        }
        return position;
    }

    private static boolean isNameChar(char c, boolean first) {
        return c == '_' || c == ':' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                || (!first && c >= '0' && c <= '9');
    }

    private static String abbreviated(String line) {
        return line.length() <= 120 ? line : line.substring(0, 120) + "…";
    }
}
