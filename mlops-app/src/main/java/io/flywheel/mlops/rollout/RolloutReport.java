package io.flywheel.mlops.rollout;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The printable deployment report of one rollout: what was rolled out against what, how it ended and why, a chart of
 * the canary weight over time with each analysis marked by its verdict (inline SVG, drawn here: no script, no CDN),
 * and every event with its measurements.
 */
public final class RolloutReport {

    static final int WIDTH = 720;
    static final int HEIGHT = 180;
    private static final int MARGIN = 30;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT);

    /** One event as a row of the report. */
    public record Row(String at, String kind, String step, String weight, String verdict, String summary,
                      String measurements) {
    }

    /** An analysis marker of the chart. */
    public record Marker(double x, double y, String verdict) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance report(RolloutView rollout, List<Row> rows, String line, List<Marker> markers,
                                              String generated, int width, int height);
    }

    private RolloutReport() {
    }

    /** The report of a rollout read with its events. */
    public static TemplateInstance of(RolloutView rollout, OffsetDateTime now) {
        List<RolloutEventView> events = rollout.events();
        OffsetDateTime start = rollout.createdAt();
        OffsetDateTime end = rollout.finishedAt() != null ? rollout.finishedAt() : now;
        double span = Math.max(1, Duration.between(start, end).toMillis());
        StringBuilder line = new StringBuilder();
        List<Marker> markers = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        double previousY = y(0);
        for (RolloutEventView event : events) {
            double x = MARGIN + (WIDTH - 2 * MARGIN) * Duration.between(start, event.at()).toMillis() / span;
            double weight = "rolled-back".equals(event.kind()) || "aborted".equals(event.kind()) ? 0 : event.weight();
            line.append(point(x, previousY)).append(point(x, y(weight)));
            previousY = y(weight);
            if (event.verdict() != null) {
                markers.add(new Marker(x, y(weight), event.verdict()));
            }
            rows.add(new Row(TIME.format(event.at()), event.kind(), Integer.toString(event.step() + 1),
                    String.format(Locale.ROOT, "%.0f%%", event.weight() * 100), event.verdict() == null ? ""
                    : event.verdict(), event.summary(), event.details() == null || !event.details().has("measurements")
                    ? "" : event.details().get("measurements").toString()));
        }
        line.append(point(WIDTH - MARGIN, previousY));
        return Templates.report(rollout, rows, line.toString().trim(), markers, TIME.format(now), WIDTH, HEIGHT);
    }

    private static double y(double weight) {
        return HEIGHT - MARGIN - (HEIGHT - 2 * MARGIN) * weight;
    }

    private static String point(double x, double y) {
        return String.format(Locale.ROOT, "%.1f,%.1f ", x, y);
    }
}
