package io.flywheel.mlops.deployment;

import io.flywheel.mlops.registry.ArtifactRef;
import io.flywheel.shared.deployment.DeployedVersion;
import io.flywheel.shared.deployment.ModelDeployment;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
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

    /**
     * The served models as the deployments contract states them, by model, in one query (joined with the registry's
     * versions for their hashes); only {@code onlyModel} when it is not {@code null}.
     */
    public Uni<List<ModelDeployment>> served(String onlyModel) {
        String query = "select d.model, m.kind, d.stableVersion, s.sha256, d.canaryVersion, c.sha256, d.canaryWeight"
                + " from DeploymentState d join RegisteredModel m on m.name = d.model"
                + " join ModelVersion s on s.model = d.model and s.version = d.stableVersion"
                + " left join ModelVersion c on c.model = d.model and c.version = d.canaryVersion"
                + (onlyModel == null ? "" : " where d.model = :model") + " order by d.model";
        return Panache.getSession().chain(session -> {
            var select = session.createSelectionQuery(query, Object[].class);
            if (onlyModel != null) {
                select.setParameter("model", onlyModel);
            }
            return select.getResultList();
        }).map(rows -> rows.stream().map(DeploymentStates::contract).toList());
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

    private static ModelDeployment contract(Object[] row) {
        String model = (String) row[0];
        Integer canary = (Integer) row[4];
        return new ModelDeployment(model, (String) row[1], deployed(model, (Integer) row[2], (String) row[3]),
                canary == null ? null : deployed(model, canary, (String) row[5]), (Double) row[6]);
    }

    private static DeployedVersion deployed(String model, int version, String sha256) {
        return new DeployedVersion(version, sha256.trim(), ArtifactRef.path(model, version));
    }

    private Uni<Long> nextRevision() {
        return DeploymentRevision.<DeploymentRevision>findById(true, LockModeType.PESSIMISTIC_WRITE).map(row -> {
            row.revision++;
            return row.revision;
        });
    }
}
