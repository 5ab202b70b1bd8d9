package io.flywheel.mlops.rollout;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flywheel.mlops.deployment.DeploymentService;
import io.flywheel.mlops.registry.Attribution;
import io.flywheel.mlops.registry.RegistryQueries;
import io.flywheel.mlops.registry.RegistryService;
import io.flywheel.shared.problem.Problem.FieldError;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Starts rollouts and carries out the manual actions on them (pause, resume, promote now, abort); the steps and their
 * analyses are the {@link RolloutController}'s. Every change takes the rollout's row lock, so a manual action and a
 * tick of any mlops-app replica never act on the same rollout at once.
 */
@ApplicationScoped
public class RolloutService {

    static final String CANARY = "canary";
    static final String BLUE_GREEN = "blue-green";
    private static final int MAX_LIST = 200;

    private final DeploymentService deployments;
    private final RegistryService registry;
    private final RegistryQueries queries;
    private final RolloutJournal journal;
    private final RolloutSettings settings;
    private final PodMetrics metrics;
    private final ObjectMapper json;

    public RolloutService(DeploymentService deployments, RegistryService registry, RegistryQueries queries,
                          RolloutJournal journal, RolloutSettings settings, PodMetrics metrics, ObjectMapper json) {
        this.deployments = deployments;
        this.registry = registry;
        this.queries = queries;
        this.journal = journal;
        this.settings = settings;
        this.metrics = metrics;
        this.json = json;
    }

    /**
     * Starts moving a passed Staging version to Production: the first canary step (or, blue-green, all traffic at once
     * with the stable version kept loaded). 404 unknown model or version; 409 when the version is not a passed Staging
     * version, the model has no stable version, or a rollout of the model is active; 422 for a bad request.
     */
    public Uni<RolloutView> start(RolloutRequest request, Attribution by) {
        List<Double> steps;
        try {
            steps = checked(request);
        } catch (ProblemException invalid) {
            return Uni.createFrom().failure(invalid);
        }
        return Panache.withSession(() -> queries.version(request.model(), request.version()))
                .chain(() -> Panache.withSession(() -> deployments.deployment(request.model())))
                .chain(deployed -> {
                    int stable = deployed == null || deployed.stable() == null ? 0 : deployed.stable().version();
                    return metrics.scrape(request.model(), stable, request.version())
                            .chain(baseline -> Panache.withTransaction(() -> begin(request, steps, stable, baseline,
                                    by)));
                });
    }

    private Uni<RolloutView> begin(RolloutRequest request, List<Double> steps, int stable, List<PodScrape> baseline,
                                   Attribution by) {
        return registry.lockedModel(request.model())
                .chain(() -> Rollout.<Rollout>find("model = ?1 and status in (?2, ?3)", request.model(),
                        Rollout.RUNNING, Rollout.PAUSED).<Rollout>firstResult())
                .chain((Rollout active) -> {
                    if (active != null) {
                        return Uni.createFrom().failure(new ProblemException(ProblemType.CONFLICT, "model '"
                                + request.model() + "' has a rollout in progress (" + active.id + ", v" + active.version
                                + ", " + active.status + "); abort or finish it first"));
                    }
                    return deployments.setCanary(request.model(), request.version(), steps.get(0), by);
                })
                .chain(deployed -> {
                    OffsetDateTime now = now();
                    Rollout rollout = new Rollout();
                    rollout.id = UUID.randomUUID();
                    rollout.model = request.model();
                    rollout.version = request.version();
                    rollout.stableVersion = deployed.stable().version();
                    rollout.strategy = strategy(request);
                    rollout.steps = json.valueToTree(Map.of(Rollout.WEIGHTS, steps));
                    rollout.step = 0;
                    rollout.weight = steps.get(0);
                    rollout.status = Rollout.RUNNING;
                    rollout.startedBy = by.actor();
                    rollout.createdAt = now;
                    rollout.stepStartedAt = now;
                    rollout.nextAnalysisAt = now.plus(settings.interval());
                    rollout.baseline = json.valueToTree(RolloutController.baseline(baseline));
                    return rollout.<Rollout>persist().call(saved -> journal.record(saved, "started", null, by,
                            saved.strategy + " rollout of v" + saved.version + " against v" + saved.stableVersion
                                    + ", steps " + steps, Map.of("strategy", saved.strategy, "steps", steps,
                                    "stable_version", saved.stableVersion)));
                })
                .map(rollout -> RolloutView.of(rollout, null));
    }

    /** Holds the current step: the controller leaves a paused rollout alone. 409 unless running. */
    public Uni<RolloutView> pause(UUID id, Attribution by) {
        return act(id, by, rollout -> {
            requireStatus(rollout, Rollout.RUNNING, "paused");
            rollout.status = Rollout.PAUSED;
            return journal.record(rollout, "paused", null, by, "paused at " + percent(rollout.weight), Map.of());
        });
    }

    /** Resumes a paused rollout: its step is analysed one interval from now. 409 unless paused. */
    public Uni<RolloutView> resume(UUID id, Attribution by) {
        return act(id, by, rollout -> {
            requireStatus(rollout, Rollout.PAUSED, "resumed");
            rollout.status = Rollout.RUNNING;
            rollout.nextAnalysisAt = now().plus(settings.interval());
            return journal.record(rollout, "resumed", null, by, "resumed at " + percent(rollout.weight), Map.of());
        });
    }

    /** Skips the remaining steps: the canary becomes Production now. 409 unless active. */
    public Uni<RolloutView> promote(UUID id, Attribution by) {
        return act(id, by, rollout -> {
            requireActive(rollout, "promoted");
            return deployments.promoteCanary(rollout.model, by.because(reason(by, "promoted by hand")))
                    .chain(() -> finish(rollout, Rollout.SUCCEEDED, "promoted", by, "v" + rollout.version
                            + " promoted to Production by hand at " + percent(rollout.weight), Map.of()));
        });
    }

    /** Ends the rollout with all traffic back on stable; the version stays in Staging. 409 unless active. */
    public Uni<RolloutView> abort(UUID id, Attribution by) {
        return act(id, by, rollout -> {
            requireActive(rollout, "aborted");
            return deployments.clearCanary(rollout.model, by.because(reason(by, "rollout aborted")))
                    .chain(() -> finish(rollout, Rollout.ABORTED, "aborted", by, "aborted at "
                            + percent(rollout.weight) + "; all traffic is back on v" + rollout.stableVersion,
                            Map.of()));
        });
    }

    /** Rollouts, newest first, optionally of one model and/or in one status. */
    public Uni<List<RolloutView>> list(String model, String status) {
        StringBuilder query = new StringBuilder("1 = 1");
        List<Object> values = new ArrayList<>();
        if (model != null && !model.isBlank()) {
            values.add(model);
            query.append(" and model = ?").append(values.size());
        }
        if (status != null && !status.isBlank()) {
            values.add(status);
            query.append(" and status = ?").append(values.size());
        }
        return Panache.withSession(() -> Rollout.<Rollout>find(query.toString(), Sort.descending("createdAt"),
                values.toArray()).page(0, MAX_LIST).list())
                .map(rollouts -> rollouts.stream().map(rollout -> RolloutView.of(rollout, null)).toList());
    }

    /** The model's running or paused rollout, if it has one. */
    public Uni<Optional<RolloutView>> active(String model) {
        return Panache.withSession(() -> Rollout.<Rollout>find("model = ?1 and status in (?2, ?3)", model,
                Rollout.RUNNING, Rollout.PAUSED).<Rollout>firstResult())
                .map(rollout -> Optional.ofNullable(rollout).map(found -> RolloutView.of(found, null)));
    }

    /** One rollout with its events (steps, analyses, actions); 404 when unknown. */
    public Uni<RolloutView> get(UUID id) {
        return Panache.withSession(() -> found(Rollout.<Rollout>findById(id), id)
                .chain(rollout -> RolloutEvent.<RolloutEvent>find("rolloutId", Sort.ascending("id"), id).list()
                        .map(events -> RolloutView.of(rollout, events))));
    }

    /** Ends an active rollout in the caller's transaction, with its event. */
    Uni<RolloutEvent> finish(Rollout rollout, String status, String kind, Attribution by, String summary,
                             Map<String, Object> details) {
        rollout.status = status;
        rollout.reason = summary;
        rollout.finishedAt = now();
        return journal.record(rollout, kind, null, by, summary, details);
    }

    private Uni<RolloutView> act(UUID id, Attribution by, java.util.function.Function<Rollout, Uni<?>> action) {
        return Panache.withTransaction(() -> found(Rollout.<Rollout>findById(id, LockModeType.PESSIMISTIC_WRITE), id)
                .call(action::apply).map(rollout -> RolloutView.of(rollout, null)))
                .chain(view -> get(view.id()));
    }

    private static Uni<Rollout> found(Uni<Rollout> lookup, UUID id) {
        return lookup.onItem().ifNull().failWith(() -> new ProblemException(ProblemType.NOT_FOUND, "no rollout " + id));
    }

    private static void requireStatus(Rollout rollout, String wanted, String action) {
        if (!wanted.equals(rollout.status)) {
            throw new ProblemException(ProblemType.CONFLICT, "rollout " + rollout.id + " is " + rollout.status
                    + "; only a " + wanted + " rollout can be " + action);
        }
    }

    private static void requireActive(Rollout rollout, String action) {
        if (!rollout.active()) {
            throw new ProblemException(ProblemType.CONFLICT, "rollout " + rollout.id + " is " + rollout.status
                    + " already; only a running or paused rollout can be " + action);
        }
    }

    private List<Double> checked(RolloutRequest request) {
        List<FieldError> errors = new ArrayList<>();
        if (request == null) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "a rollout needs a body with model and version",
                    List.of(new FieldError("body", "required")));
        }
        if (request.model() == null || request.model().isBlank()) {
            errors.add(new FieldError("model", "required"));
        }
        if (request.version() == null || request.version() < 1) {
            errors.add(new FieldError("version", "required, a version number"));
        }
        String strategy = strategy(request);
        if (!CANARY.equals(strategy) && !BLUE_GREEN.equals(strategy)) {
            errors.add(new FieldError("strategy", "must be canary or blue-green"));
        }
        List<Double> steps = BLUE_GREEN.equals(strategy) ? List.of(1.0)
                : request.steps() == null || request.steps().isEmpty() ? settings.steps() : request.steps();
        String problem = stepsProblem(steps);
        if (problem != null) {
            errors.add(new FieldError(request.steps() == null ? "flywheel.rollout.steps" : "steps", problem));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "the rollout request is invalid", errors);
        }
        return steps;
    }

    static String stepsProblem(List<Double> steps) {
        double previous = 0;
        for (Double weight : steps) {
            if (weight == null || !(weight > previous) || weight > 1) {
                return "weights must rise strictly within (0, 1]";
            }
            previous = weight;
        }
        return previous == 1 ? null : "the last step must be 1 (all traffic) before promotion";
    }

    private static String strategy(RolloutRequest request) {
        return request.strategy() == null || request.strategy().isBlank() ? CANARY : request.strategy().trim();
    }

    private static String reason(Attribution by, String fallback) {
        return by.reason() == null ? fallback : by.reason();
    }

    static String percent(double weight) {
        return String.format("%.0f%%", weight * 100);
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
