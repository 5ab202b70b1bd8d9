package io.flywheel.mlops.deployment;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Consumer;

/**
 * The deployment rows and their revision. Callers hold a transaction and have checked the registry's rules; every
 * method here that changes a row also takes the next revision.
 */
@ApplicationScoped
public class DeploymentStates implements PanacheRepositoryBase<DeploymentState, String> {

    /** The revision of the published deployments, without a lock (for conditional GETs). */
    public Uni<Long> revision() {
        return DeploymentRevision.<DeploymentRevision>findById(true).map(row -> row.revision);
    }

    /** The model's row, or {@code null} when the model was never served. */
    public Uni<DeploymentState> of(String model) {
        return findById(model);
    }

    /** Serves {@code version} as the stable version of the model from now on; a canary of that version ends. */
    public Uni<DeploymentState> makeStable(String model, int version) {
        return change(model, state -> {
            state.stableVersion = version;
            if (state.hasCanary() && state.canaryVersion == version) {
                state.canaryVersion = null;
                state.canaryWeight = 0;
            }
        });
    }

    /** Stops serving the model (its Production version was archived). */
    public Uni<DeploymentState> retire(String model) {
        return change(model, state -> {
            state.stableVersion = null;
            state.canaryVersion = null;
            state.canaryWeight = 0;
        });
    }

    /** Routes {@code weight} of the traffic to {@code version} next to the stable version. */
    public Uni<DeploymentState> setCanary(String model, int version, double weight) {
        return change(model, state -> {
            state.canaryVersion = version;
            state.canaryWeight = weight;
        });
    }

    /** Sends all traffic back to the stable version. */
    public Uni<DeploymentState> clearCanary(String model) {
        return change(model, state -> {
            state.canaryVersion = null;
            state.canaryWeight = 0;
        });
    }

    private Uni<DeploymentState> change(String model, Consumer<DeploymentState> edit) {
        return nextRevision().chain(revision -> findById(model).chain(found -> {
            DeploymentState state = found;
            if (state == null) {
                state = new DeploymentState();
                state.model = model;
            }
            edit.accept(state);
            state.revision = revision;
            state.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
            return found == null ? persist(state) : Uni.createFrom().item(state);
        }));
    }

    private Uni<Long> nextRevision() {
        return DeploymentRevision.<DeploymentRevision>findById(true, LockModeType.PESSIMISTIC_WRITE).map(row -> {
            row.revision++;
            return row.revision;
        });
    }
}
