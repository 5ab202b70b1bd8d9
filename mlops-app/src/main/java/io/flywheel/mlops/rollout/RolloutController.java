package io.flywheel.mlops.rollout;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flywheel.mlops.alerts.PlatformAlert;
import io.flywheel.mlops.deployment.DeploymentService;
import io.flywheel.mlops.registry.Attribution;
import io.flywheel.mlops.registry.RegistryJournal;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Drives running rollouts from their stored state: on every tick, each rollout whose step has been held for the
 * interval is analysed from every inference pod's metrics, then advanced to the next weight, promoted after the last
 * step, rolled back on a failed analysis, or held when the evidence is inconclusive. No timer lives in memory, so a
 * restarted (or another) mlops-app picks up every rollout at the step it was at.
 */
@ApplicationScoped
public class RolloutController {

    private static final Logger LOG = Logger.getLogger(RolloutController.class);
    private static final String COMPONENT = "rollout";
    private static final TypeReference<Map<String, Map<String, VersionCounters>>> BASELINE = new TypeReference<>() {
    };

    private final RolloutSettings settings;
    private final PodMetrics metrics;
    private final LiveAccuracyQuery accuracy;
    private final DeploymentService deployments;
    private final RolloutService rollouts;
    private final RolloutJournal journal;
    private final RegistryJournal registryJournal;
    private final Event<PlatformAlert> alerts;
    private final ObjectMapper json;

    public RolloutController(RolloutSettings settings, PodMetrics metrics, LiveAccuracyQuery accuracy,
                             DeploymentService deployments, RolloutService rollouts, RolloutJournal journal,
                             RegistryJournal registryJournal, Event<PlatformAlert> alerts, ObjectMapper json) {
        this.settings = settings;
        this.metrics = metrics;
        this.accuracy = accuracy;
        this.deployments = deployments;
        this.rollouts = rollouts;
        this.journal = journal;
        this.registryJournal = registryJournal;
        this.alerts = alerts;
        this.json = json;
    }

    @Scheduled(every = "${flywheel.rollout.tick:5s}", delayed = "${flywheel.rollout.tick:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = ControllerDisabled.class)
    Uni<Void> tick() {
        return advanceDue().onFailure().invoke(failure -> LOG.warnf(failure, "rollout tick failed; retried next tick"))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Analyses every rollout whose step is due, one after the other; the number analysed. */
    public Uni<Integer> advanceDue() {
        return Panache.withSession(() -> Rollout.<Rollout>find("status = ?1 and nextAnalysisAt <= ?2 order by "
                + "nextAnalysisAt", Rollout.RUNNING, RolloutService.now()).list())
                // the same deadline as an analysis: a query that never answers must not freeze the ticks either
                .ifNoItem().after(settings.analysisTimeout()).failWith(() -> new TimeoutException(
                        "the due rollouts were not read within " + settings.analysisTimeout()))
                .chain(due -> Multi.createFrom().iterable(due).onItem().transformToUniAndConcatenate(this::analyse)
                        .collect().asList().replaceWith(due.size()));
    }

    private Uni<Void> analyse(Rollout observed) {
        OffsetDateTime stepStart = observed.stepStartedAt;
        // which part an analysis is waiting on, named by the deadline's failure if it never answers
        AtomicReference<String> waitingOn = new AtomicReference<>("the pods' metrics");
        return metrics.scrape(observed.model, observed.stableVersion, observed.version)
                .invoke(() -> waitingOn.set("the live-accuracy query"))
                .chain(scrapes -> accuracy.since(observed.model, observed.stableVersion, observed.version, stepStart)
                        .map(labelled -> RolloutAnalysis.judge(scrapes, baselineOf(observed), labelled,
                                settings.thresholds()))
                        .invoke(() -> waitingOn.set("the transaction applying the verdict"))
                        .chain(result -> Panache.withTransaction(() -> apply(observed, scrapes, result))))
                // only once the rollback is committed: the agent's listener writes to the same audit chain
                .invoke(alert -> {
                    if (alert != null) {
                        alerts.fireAsync(alert);
                    }
                })
                .ifNoItem().after(settings.analysisTimeout()).failWith(() -> new TimeoutException(
                        "no verdict within " + settings.analysisTimeout() + ": still waiting on " + waitingOn.get()))
                .onFailure().invoke(failure -> LOG.warnf(failure, "rollout %s: analysis not applied", observed.id))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    // under the row lock: only if the rollout is still where this analysis found it (another replica or a person may
    // have acted meanwhile); the alert of a rollback, to raise after the commit, or null
    private Uni<PlatformAlert> apply(Rollout observed, List<PodScrape> scrapes, AnalysisResult result) {
        return Rollout.<Rollout>findById(observed.id, LockModeType.PESSIMISTIC_WRITE).chain((Rollout rollout) -> {
            if (rollout == null || !Rollout.RUNNING.equals(rollout.status) || rollout.step != observed.step
                    || !rollout.nextAnalysisAt.isEqual(observed.nextAnalysisAt)) {
                return Uni.createFrom().<PlatformAlert>nullItem();
            }
            Attribution by = Attribution.component(COMPONENT, result.summary());
            Uni<RolloutEvent> recorded = journal.record(rollout, "analysis", result.verdict(), by,
                    result.summary(), Map.of("measurements", result.measurements()));
            if (result.failed()) {
                return recorded.chain(() -> rollBack(rollout, result, by));
            }
            if (!result.passed()) {
                rollout.nextAnalysisAt = RolloutService.now().plus(settings.interval());
                return recorded.map(done -> (PlatformAlert) null);
            }
            return recorded.chain(() -> rollout.lastStep() ? promote(rollout, by) : nextStep(rollout, scrapes, by))
                    .map(done -> (PlatformAlert) null);
        });
    }

    private Uni<Void> nextStep(Rollout rollout, List<PodScrape> scrapes, Attribution by) {
        double weight = rollout.weightOf(rollout.step + 1);
        return deployments.setCanary(rollout.model, rollout.version, weight, by.because("analysis passed at "
                + RolloutService.percent(rollout.weight))).chain(() -> {
                    OffsetDateTime now = RolloutService.now();
                    rollout.step++;
                    rollout.weight = weight;
                    rollout.stepStartedAt = now;
                    rollout.nextAnalysisAt = now.plus(settings.interval());
                    rollout.baseline = json.valueToTree(baseline(scrapes));
                    return journal.record(rollout, "step", null, by, "step " + (rollout.step + 1) + " of "
                            + rollout.stepCount() + ": " + RolloutService.percent(weight) + " of traffic on v"
                            + rollout.version, Map.of());
                }).replaceWithVoid();
    }

    private Uni<Void> promote(Rollout rollout, Attribution by) {
        return deployments.promoteCanary(rollout.model, by.because("every analysis of the rollout passed"))
                .chain(() -> rollouts.finish(rollout, Rollout.SUCCEEDED, "promoted", by, "v" + rollout.version
                        + " is Production after " + rollout.stepCount() + " step(s); v" + rollout.stableVersion
                        + " is Archived", Map.of()))
                .replaceWithVoid();
    }

    private Uni<PlatformAlert> rollBack(Rollout rollout, AnalysisResult result, Attribution by) {
        String reason = "analysis failed at " + RolloutService.percent(rollout.weight) + ": " + result.summary();
        Attribution because = by.because(reason);
        return deployments.clearCanary(rollout.model, because)
                .chain(() -> registryJournal.record(rollout.model, rollout.version, "model.version.rolled-back",
                        because,
                        RegistryJournal.facts("rollout", rollout.id.toString(), "stage", "Staging",
                                "reasons", result.reasons())))
                .chain(() -> rollouts.finish(rollout, Rollout.ROLLED_BACK, "rolled-back", because, "rolled back: "
                        + reason + "; v" + rollout.version + " stays in Staging", Map.of("reasons", result.reasons())))
                .replaceWith(() -> new PlatformAlert(COMPONENT, alertKind(result), "critical", rollout.model,
                        "rollout of " + rollout.model + " v" + rollout.version + " rolled back: " + result.summary(),
                        alertDetails(rollout, result)));
    }

    private static String alertKind(AnalysisResult result) {
        String reasons = result.summary();
        if (reasons.contains("error rate")) {
            return "error-rate";
        }
        return reasons.contains("latency") ? "latency" : "quality-drop";
    }

    private static Map<String, Object> alertDetails(Rollout rollout, AnalysisResult result) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("rollout", rollout.id.toString());
        details.put("version", rollout.version);
        details.put("stable_version", rollout.stableVersion);
        details.put("weight", rollout.weight);
        details.put("reasons", result.reasons());
        return details;
    }

    private Map<String, Map<String, VersionCounters>> baselineOf(Rollout rollout) {
        return json.convertValue(rollout.baseline, BASELINE);
    }

    /** Scrapes as stored for the next window (pods that could not be read are left out: they count from zero). */
    static Map<String, Map<String, VersionCounters>> baseline(List<PodScrape> scrapes) {
        Map<String, Map<String, VersionCounters>> baseline = new LinkedHashMap<>();
        scrapes.stream().filter(PodScrape::ok).forEach(scrape -> baseline.put(scrape.pod(), scrape.counters()));
        return baseline;
    }

    /** Skips the tick where the controller is turned off ({@code flywheel.rollout.controller-enabled=false}). */
    @ApplicationScoped
    public static class ControllerDisabled implements Scheduled.SkipPredicate {

        private final RolloutSettings settings;

        public ControllerDisabled(RolloutSettings settings) {
            this.settings = settings;
        }

        @Override
        public boolean test(io.quarkus.scheduler.ScheduledExecution execution) {
            return !settings.controllerEnabled();
        }
    }
}
