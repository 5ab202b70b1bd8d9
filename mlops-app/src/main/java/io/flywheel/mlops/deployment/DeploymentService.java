package io.flywheel.mlops.deployment;

import static io.flywheel.mlops.registry.RegistryJournal.facts;

import io.flywheel.mlops.registry.Attribution;
import io.flywheel.mlops.registry.RegistryJournal;
import io.flywheel.mlops.registry.RegistryQueries;
import io.flywheel.mlops.registry.RegistryService;
import io.flywheel.mlops.registry.Stage;
import io.flywheel.mlops.registry.StageChange;
import io.flywheel.mlops.registry.VersionView;
import io.flywheel.shared.deployment.Deployments;
import io.flywheel.shared.deployment.ModelDeployment;
import io.flywheel.shared.problem.Problem.FieldError;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * What inference pods serve, and the canary API of the rollout controller. A version promoted to Production in the
 * registry becomes the stable version by itself; a rollout sets a canary and its weight ({@link #setCanary}), moves
 * the weight with the same call, and ends with {@link #promoteCanary} (the canary becomes Production and stable) or
 * {@link #clearCanary} (all traffic back to stable). Every change grows the revision and is recorded.
 */
@ApplicationScoped
public class DeploymentService {

    private final DeploymentStates states;
    private final RegistryService registry;
    private final RegistryQueries queries;
    private final RegistryJournal journal;

    DeploymentService(DeploymentStates states, RegistryService registry, RegistryQueries queries,
                      RegistryJournal journal) {
        this.states = states;
        this.registry = registry;
        this.queries = queries;
        this.journal = journal;
    }

    /** The revision of the published deployments: what the ETag of {@code GET /api/deployments} is made of. */
    public Uni<Long> revision() {
        return Panache.withSession(states::revision);
    }

    /**
     * Every served model with its stable version and canary. The revision is read before the rows, so the document
     * is never older than its revision: a change committed in between only makes the next poll fetch it again.
     */
    public Uni<Deployments> published() {
        return Panache.withSession(() -> states.revision().chain(revision -> states.served(null)
                .map(models -> new Deployments(revision, models))));
    }

    /** The serving state of one model, or {@code null} when it is not served; 404 for an unknown model. */
    public Uni<ModelDeployment> deployment(String model) {
        return Panache.withSession(() -> queries.model(model).chain(() -> states.of(model))
                .chain(state -> state == null || !state.served() ? Uni.createFrom().nullItem() : contract(state)));
    }

    /**
     * Routes {@code weight} (0..1) of the model's traffic to {@code version}, next to the stable version; calling it
     * again with the same version moves the weight. The version must be in Staging with a passed evaluation, the model
     * must have a stable version, and only one canary runs at a time (409 naming the rule otherwise).
     */
    public Uni<ModelDeployment> setCanary(String model, int version, double weight, Attribution by) {
        if (!(weight >= 0 && weight <= 1)) {
            return Uni.createFrom().failure(new ProblemException(ProblemType.INVALID_REQUEST, "the canary weight must "
                    + "be between 0 and 1, was " + weight, List.of(new FieldError("weight", "must be between 0 and 1"))));
        }
        return Panache.withTransaction(() -> registry.lockedModel(model)
                .chain(() -> queries.version(model, version)).chain(candidate -> states.of(model)
                        .chain(state -> {
                            refuseCanary(state, candidate);
                            if (state.hasCanary() && state.canaryWeight == weight) {
                                return Uni.createFrom().item(state);
                            }
                            double before = state.canaryWeight;
                            return states.setCanary(model, version, weight).call(changed -> journal.record(model,
                                    version, "deployment.canary-set", by, facts("weight", weight,
                                            "previous_weight", before, "stable_version", changed.stableVersion,
                                            "revision", changed.revision)));
                        }))
                .chain(this::contract));
    }

    /** Ends a rollout by making the canary the Production and stable version (the old one is archived). */
    public Uni<ModelDeployment> promoteCanary(String model, Attribution by) {
        return Panache.withTransaction(() -> registry.lockedModel(model).chain(() -> states.of(model)).chain(state -> {
            if (state == null || !state.hasCanary()) {
                return Uni.createFrom().failure(new ProblemException(ProblemType.CONFLICT, "model '" + model
                        + "' has no canary to promote"));
            }
            int canary = state.canaryVersion;
            double weight = state.canaryWeight;
            return registry.transition(model, canary, new StageChange(Stage.PRODUCTION, by.reason(), true), by)
                    .call(() -> journal.record(model, canary, "deployment.canary-promoted", by,
                            facts("weight", weight)))
                    .chain(() -> states.of(model));
        }).chain(this::contract));
    }

    /** Sends all traffic back to the stable version (a rollback, or the end of an aborted rollout); idempotent. */
    public Uni<ModelDeployment> clearCanary(String model, Attribution by) {
        return Panache.withTransaction(() -> registry.lockedModel(model).chain(() -> states.of(model)).chain(state -> {
            if (state == null || !state.hasCanary()) {
                return Uni.createFrom().item(state);
            }
            int canary = state.canaryVersion;
            double weight = state.canaryWeight;
            return states.clearCanary(model).call(cleared -> journal.record(model, canary,
                    "deployment.canary-cleared", by, facts("weight", weight, "revision", cleared.revision)));
        }).chain(state -> state == null || !state.served() ? Uni.createFrom().nullItem() : contract(state)));
    }

    private static void refuseCanary(DeploymentState state, VersionView candidate) {
        String rule = null;
        if (state == null || !state.served()) {
            rule = "model '" + candidate.model() + "' has no stable version; a canary shares traffic with one "
                    + "(promote a first version to Production)";
        } else if (state.stableVersion == candidate.version()) {
            rule = "v" + candidate.version() + " is the stable version already";
        } else if (state.hasCanary() && state.canaryVersion != candidate.version()) {
            rule = "v" + state.canaryVersion + " is in canary rollout; clear it before starting another";
        } else if (!candidate.passedEvaluation()) {
            rule = "a rollout starts only after a passed evaluation; v" + candidate.version() + " has "
                    + (candidate.evaluation() == null ? "none" : "failed it");
        } else if (candidate.stage() != Stage.STAGING) {
            rule = "a canary is a Staging version; v" + candidate.version() + " is in " + candidate.stage();
        }
        if (rule != null) {
            throw new ProblemException(ProblemType.CONFLICT, rule);
        }
    }

    private Uni<ModelDeployment> contract(DeploymentState state) {
        return states.served(state.model).map(served -> served.isEmpty() ? null : served.get(0));
    }
}
