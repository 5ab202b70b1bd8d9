package io.flywheel.loadtest;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** k6's duration strings ("500ms", "30s", "1m30s", "4h") as used in scenarios.json. */
final class K6Duration {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

    private K6Duration() {
    }

    static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            return Duration.ZERO;
        }
        Matcher matcher = PART.matcher(text.trim());
        long nanos = 0;
        int end = 0;
        while (matcher.find()) {
            if (matcher.start() != end) {
                break;
            }
            double value = Double.parseDouble(matcher.group(1));
            long unit = switch (matcher.group(2)) {
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            nanos += (long) (value * unit);
            end = matcher.end();
        }
        if (end != text.trim().length() || end == 0) {
            throw new IllegalArgumentException("not a k6 duration: '" + text + "' (expected e.g. 30s, 1m30s, 500ms)");
        }
        return Duration.ofNanos(nanos);
    }
}
