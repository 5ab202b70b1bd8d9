package io.flywheel.mlops.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.flywheel.mlops.rollout.Rollout;
import io.flywheel.mlops.rollout.RolloutEventView;
import io.flywheel.mlops.rollout.RolloutService;
import io.flywheel.mlops.rollout.RolloutView;
import io.quarkus.qute.TemplateData;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** What the rollouts page shows: active rollouts first, then the newest finished ones, each with its analyses. */
@ApplicationScoped
public class RolloutPanels {

    private static final String ANALYSIS = "analysis";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");

    private final RolloutService rollouts;
    private final DashboardSettings settings;

    public RolloutPanels(RolloutService rollouts, DashboardSettings settings) {
        this.rollouts = rollouts;
        this.settings = settings;
    }

    /** The rollouts with their events, active ones first, each group newest first. */
    public Uni<List<RolloutPanel>> panels() {
        return rollouts.list(null, null).chain(listed -> {
            List<RolloutView> shown = listed.stream()
                    .sorted(Comparator.comparing((RolloutView rollout) -> !active(rollout.status())))
                    .limit(settings.rollouts()).toList();
            if (shown.isEmpty()) {
                return Uni.createFrom().item(List.of());
            }
            return Multi.createFrom().iterable(shown).onItem()
                    .transformToUniAndConcatenate(rollout -> rollouts.get(rollout.id()))
                    .map(RolloutPanels::panel).collect().asList();
        });
    }

    static RolloutPanel panel(RolloutView rollout) {
        List<RolloutEventView> events = rollout.events() == null ? List.of() : rollout.events();
        List<AnalysisRow> analyses = events.stream().filter(event -> ANALYSIS.equals(event.kind()))
                .map(RolloutPanels::analysis).toList();
        int steps = rollout.steps() == null ? 0 : rollout.steps().size();
        return new RolloutPanel(rollout.id().toString(), rollout.model(), rollout.version(), rollout.stableVersion(),
                rollout.strategy(), rollout.status(), rollout.step() + 1, steps, percent(rollout.weight()),
                Math.round(rollout.weight() * 100), rollout.steps() == null ? "" : rollout.steps().stream()
                        .map(RolloutPanels::percent).reduce((a, b) -> a + " → " + b).orElse(""),
                rollout.reason(), rollout.startedBy(), time(rollout.createdAt()), time(rollout.finishedAt()),
                Rollout.RUNNING.equals(rollout.status()), Rollout.PAUSED.equals(rollout.status()), analyses,
                "/api/rollouts/" + rollout.id() + "/report");
    }

    private static AnalysisRow analysis(RolloutEventView event) {
        JsonNode measured = event.details() == null ? null : event.details().path("measurements");
        return new AnalysisRow(event.step() + 1, percent(event.weight()), time(event.at()), event.verdict(),
                number(measured, "canary_error_rate"), number(measured, "canary_p95_ms"),
                number(measured, "prediction_psi"), number(measured, "canary_accuracy"), event.summary());
    }

    private static String number(JsonNode measured, String name) {
        JsonNode value = measured == null ? null : measured.path(name);
        return value == null || !value.isNumber() ? "–" : String.format(Locale.ROOT, "%.4f", value.asDouble());
    }

    private static boolean active(String status) {
        return Rollout.RUNNING.equals(status) || Rollout.PAUSED.equals(status);
    }

    private static String percent(double weight) {
        return String.format(Locale.ROOT, "%.0f%%", weight * 100);
    }

    private static String time(OffsetDateTime at) {
        return at == null ? "" : at.format(TIME);
    }

    /**
     * A rollout: which versions, how, where it stands (step of steps, canary weight) and its analyses.
     *
     * @param progress the canary's share of traffic in percent, for the progress bar
     */
    @TemplateData
    public record RolloutPanel(String id, String model, int version, int stableVersion, String strategy,
                               String status, int step, int steps, String weight, long progress, String plan,
                               String reason, String startedBy, String createdAt, String finishedAt,
                               boolean running, boolean paused, List<AnalysisRow> analyses, String report) {

        /** Whether a person can still act on it (pause or resume, promote, abort). */
        public boolean active() {
            return running || paused;
        }
    }

    /** One step's analysis: the measurements the verdict rests on, and why. */
    @TemplateData
    public record AnalysisRow(int step, String weight, String at, String verdict, String errorRate, String p95Ms,
                              String psi, String accuracy, String reason) {
    }
}
