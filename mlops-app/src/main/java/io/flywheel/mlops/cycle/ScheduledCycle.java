package io.flywheel.mlops.cycle;

import io.flywheel.mlops.agent.ActionRequestBody;
import io.flywheel.mlops.agent.RemediationService;
import io.flywheel.mlops.evaluation.EvaluateJob;
import io.flywheel.mlops.jobs.JobService;
import io.flywheel.mlops.jobs.JobTrigger;
import io.flywheel.mlops.registry.Attribution;
import io.flywheel.mlops.rollout.RolloutRequest;
import io.flywheel.mlops.rollout.RolloutService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Keeps the loop turning between jobs: every retrain that registered a version is followed by an {@code evaluate} of
 * that version, and every version that passed such an evaluation by a rollout — started at once
 * ({@code flywheel.cycle.rollout=auto}) or proposed as a {@code deploy} action waiting in the agent's approval queue
 * ({@code approval}). What is left to do is read from the records themselves (job runs, rollouts, actions), not from
 * memory, so a restart loses no step and a step is never taken twice.
 */
@ApplicationScoped
public class ScheduledCycle {

    static final String TRIGGER = "cycle";
    static final String AUTO = "auto";
    private static final Logger LOG = Logger.getLogger(ScheduledCycle.class);

    private static final String RETRAINED_NOT_EVALUATED = """
            SELECT r.outputs->>'model', r.outputs->>'version', r.id::text FROM mlops.job_run r
            WHERE r.job = 'retrain' AND r.status = 'succeeded' AND r.outputs->>'registered' = 'true'
              AND r.finished_at > ?1
              AND NOT EXISTS (SELECT 1 FROM mlops.job_run e WHERE e.job = 'evaluate'
                              AND e.parameters->>'model' = r.outputs->>'model'
                              AND e.parameters->>'version' = r.outputs->>'version')
            ORDER BY r.finished_at LIMIT 1""";
    // passed cycle evaluations of versions still in Staging, of a served model, with no rollout or deploy action yet
    private static final String PASSED_NOT_ROLLED_OUT = """
            SELECT e.parameters->>'model', e.parameters->>'version', e.id::text FROM mlops.job_run e
            WHERE e.job = 'evaluate' AND e.status = 'succeeded' AND e.trigger = 'cycle'
              AND e.outputs->'verdicts'->0->>'passed' = 'true'
              AND e.finished_at > ?1
              AND EXISTS (SELECT 1 FROM mlops.model_version v WHERE v.model = e.parameters->>'model'
                          AND v.version::text = e.parameters->>'version' AND v.stage = 'Staging')
              AND EXISTS (SELECT 1 FROM mlops.deployment d WHERE d.model = e.parameters->>'model'
                          AND d.stable_version IS NOT NULL)
              AND NOT EXISTS (SELECT 1 FROM mlops.rollout o WHERE o.model = e.parameters->>'model'
                              AND o.version::text = e.parameters->>'version')
              AND NOT EXISTS (SELECT 1 FROM mlops.remediation_action a WHERE a.type = 'deploy'
                              AND a.target = 'model:' || (e.parameters->>'model')
                              AND a.parameters::jsonb->>'version' = e.parameters->>'version')
            ORDER BY e.finished_at""";

    private final CycleSettings settings;
    private final JobService jobs;
    private final RolloutService rollouts;
    private final RemediationService remediation;

    public ScheduledCycle(CycleSettings settings, JobService jobs, RolloutService rollouts,
                          RemediationService remediation) {
        this.settings = settings;
        this.jobs = jobs;
        this.rollouts = rollouts;
        this.remediation = remediation;
    }

    @Scheduled(every = "${flywheel.cycle.tick:15s}", delayed = "${flywheel.cycle.tick:15s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = CycleDisabled.class)
    Uni<Void> tick() {
        return followUp().onFailure().invoke(failure -> LOG.warnf("cycle follow-up failed; retried next tick: %s",
                failure.getMessage())).onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Takes every step that is due: evaluates the newest unevaluated retrain, rolls out passed versions. */
    public Uni<Void> followUp() {
        return evaluateRetrained().chain(this::rollOutPassed);
    }

    private Uni<Void> evaluateRetrained() {
        return pending(RETRAINED_NOT_EVALUATED).chain(rows -> rows.isEmpty() ? Uni.createFrom().voidItem()
                : jobs.start(EvaluateJob.NAME, Map.of("model", (String) rows.get(0)[0], "version",
                        (String) rows.get(0)[1]), new JobTrigger(TRIGGER, TRIGGER))
                        .invoke(run -> LOG.infof("cycle: retrain run %s registered %s v%s; evaluate run %s started",
                                rows.get(0)[2], rows.get(0)[0], rows.get(0)[1], run.id()))
                        .replaceWithVoid());
    }

    private Uni<Void> rollOutPassed() {
        return pending(PASSED_NOT_ROLLED_OUT).chain(rows -> Multi.createFrom().iterable(rows).onItem()
                .transformToUniAndConcatenate(row -> rollOut((String) row[0], Integer.parseInt((String) row[1]),
                        (String) row[2]).onFailure().invoke(failure -> LOG.warnf("cycle: %s v%s not rolled out yet: %s",
                                row[0], row[1], failure.getMessage())).onFailure().recoverWithNull())
                .collect().last().replaceWithVoid());
    }

    private Uni<Void> rollOut(String model, int version, String evaluateRun) {
        String why = "v" + version + " passed evaluate run " + evaluateRun + " after a retrain";
        if (AUTO.equals(settings.rollout())) {
            return rollouts.start(new RolloutRequest(model, version, null, null, why),
                    new Attribution(TRIGGER, "job-run:" + evaluateRun, why))
                    .invoke(rollout -> LOG.infof("cycle: rollout %s of %s v%d started", rollout.id(), model, version))
                    .replaceWithVoid();
        }
        return remediation.request(new ActionRequestBody("deploy", "model:" + model, Map.of("model", model,
                "version", version), why + "; roll it out through canary steps"), TRIGGER)
                .invoke(action -> LOG.infof("cycle: deploy of %s v%d waits for approval as action %s", model, version,
                        action.id))
                .replaceWithVoid();
    }

    private Uni<List<Object[]>> pending(String query) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session
                .createNativeQuery(query, Object[].class)
                .setParameter(1, OffsetDateTime.now(ZoneOffset.UTC).minus(settings.lookback()))
                .getResultList()));
    }

    /** Skips the tick where the cycle is turned off ({@code flywheel.cycle.enabled=false}). */
    @ApplicationScoped
    public static class CycleDisabled implements Scheduled.SkipPredicate {

        private final CycleSettings settings;

        public CycleDisabled(CycleSettings settings) {
            this.settings = settings;
        }

        @Override
        public boolean test(ScheduledExecution execution) {
            return !settings.enabled();
        }
    }
}
