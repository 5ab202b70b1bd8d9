package io.flywheel.mlops.registry;

import static io.flywheel.mlops.registry.RegistryJournal.facts;

import io.flywheel.mlops.deployment.DeploymentState;
import io.flywheel.mlops.deployment.DeploymentStates;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.stream.Collectors;

/**
 * The rules of stage transitions, applied inside the caller's transaction with the model's row locked:
 * <ul>
 *   <li>only the moves of {@link Stage#next()};</li>
 *   <li>Production only after a passed evaluation, one Production per model (the current one is archived, or the
 *       promotion refused), and not while a canary of another version is in rollout;</li>
 *   <li>a Production version is the stable deployment and carries the {@code champion} alias; archiving it retires
 *       the model from serving (refused while a canary runs against it);</li>
 *   <li>the canary of a running rollout does not leave Staging except to Production.</li>
 * </ul>
 */
@ApplicationScoped
class StageTransitions {

    private final RegistryJournal journal;
    private final AliasPointers aliases;
    private final DeploymentStates deployments;

    StageTransitions(RegistryJournal journal, AliasPointers aliases, DeploymentStates deployments) {
        this.journal = journal;
        this.aliases = aliases;
        this.deployments = deployments;
    }

    Uni<ModelVersion> apply(RegisteredModel model, ModelVersion row, StageChange change, Attribution by) {
        Stage from = row.stage();
        Stage to = change.stage();
        if (from == to) {
            return Uni.createFrom().item(row);
        }
        if (!from.canMoveTo(to)) {
            return refuse("v" + row.version + " is in " + from + ", which moves only to " + from.next().stream()
                    .map(Stage::label).collect(Collectors.joining(" or ")) + " (None → Staging → Production → "
                    + "Archived; an Archived version is restored to Staging or Production)");
        }
        return deployments.of(model.name).chain(deployment -> {
            if (deployment != null && deployment.hasCanary() && deployment.canaryVersion == row.version
                    && to != Stage.PRODUCTION) {
                return refuse("v" + row.version + " is the canary of a running rollout; clear the canary (or "
                        + "promote it) before moving it to " + to);
            }
            if (to == Stage.PRODUCTION) {
                return promote(model, row, change, by, deployment);
            }
            if (from == Stage.PRODUCTION) {
                return retire(model, row, by, deployment);
            }
            return move(row, to, by);
        });
    }

    private Uni<ModelVersion> promote(RegisteredModel model, ModelVersion row, StageChange change, Attribution by,
                                      DeploymentState deployment) {
        if (!row.passedEvaluation()) {
            return refuse("promotion to Production needs a passed evaluation; v" + row.version + (row.evaluation == null
                    ? " was never evaluated" : " failed its evaluation: " + row.evaluation.path("summary").asText()));
        }
        if (deployment != null && deployment.hasCanary() && deployment.canaryVersion != row.version) {
            return refuse("v" + deployment.canaryVersion + " is in canary rollout; promote or clear that canary "
                    + "before promoting another version");
        }
        return ModelVersion.<ModelVersion>find("model = ?1 and stage = ?2", model.name, Stage.PRODUCTION.label())
                .<ModelVersion>firstResult().chain(current -> {
                    if (current != null && !change.archivesExisting()) {
                        return refuse("one Production version per model: v" + current.version + " is in Production; "
                                + "promote with archive_existing=true to replace it");
                    }
                    Uni<Void> archived = current == null ? Uni.createFrom().voidItem()
                            : move(current, Stage.ARCHIVED, by.because("replaced in Production by v" + row.version))
                                    .chain(() -> Panache.flush());
                    return archived.chain(() -> move(row, Stage.PRODUCTION, by))
                            .call(() -> aliases.point(model.name, RegistryService.CHAMPION, row.version, by))
                            .call(() -> deployments.makeStable(model.name, row.version).chain(state ->
                                    journal.record(model.name, row.version, "deployment.stable", by,
                                            facts("stable_version", row.version, "revision", state.revision))));
                });
    }

    private Uni<ModelVersion> retire(RegisteredModel model, ModelVersion row, Attribution by,
                                     DeploymentState deployment) {
        if (deployment != null && deployment.hasCanary()) {
            return refuse("v" + deployment.canaryVersion + " is in canary rollout against v" + row.version
                    + "; clear the canary before archiving the Production version");
        }
        return move(row, Stage.ARCHIVED, by)
                .call(() -> aliases.remove(model.name, RegistryService.CHAMPION, by))
                .call(() -> deployments.retire(model.name).chain(state -> journal.record(model.name, row.version,
                        "deployment.retired", by, facts("revision", state.revision))));
    }

    private Uni<ModelVersion> move(ModelVersion row, Stage to, Attribution by) {
        String from = row.stage;
        row.stage = to.label();
        row.stageChangedAt = RegistryService.now();
        return journal.record(row.model, row.version, "model.version.stage-changed", by,
                facts("from", from, "to", to.label())).replaceWith(row);
    }

    private static <T> Uni<T> refuse(String rule) {
        return Uni.createFrom().failure(new ProblemException(ProblemType.CONFLICT, rule));
    }
}
