package io.flywheel.mlops.registry;

import static io.flywheel.mlops.registry.RegistryJournal.facts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flywheel.shared.deployment.ModelKind;
import io.flywheel.shared.hashing.Sha256;
import io.flywheel.shared.problem.Problem.FieldError;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.exception.ConstraintViolationException;

/**
 * The model registry: models, immutable versions with their artifacts and lineage, stage transitions and their rules,
 * evaluation verdicts, aliases. Every change is recorded through {@link RegistryJournal} in its own transaction (or
 * the caller's, when there is one). Methods return {@link Uni}s that must run on a Vert.x context (HTTP resources do;
 * a job uses {@code JobContext.await}). Reads — lists, comparison, history — are {@link RegistryQueries}.
 */
@ApplicationScoped
public class RegistryService {

    /** The alias that always names the Production version; the registry moves it, users cannot. */
    public static final String CHAMPION = "champion";

    private final RegistryConfig config;
    private final RegistryJournal journal;
    private final RegistryQueries queries;
    private final StageTransitions transitions;
    private final AliasPointers aliases;
    private final Vertx vertx;
    private final ObjectMapper json;

    RegistryService(RegistryConfig config, RegistryJournal journal, RegistryQueries queries,
                    StageTransitions transitions, AliasPointers aliases, Vertx vertx, ObjectMapper json) {
        this.config = config;
        this.journal = journal;
        this.queries = queries;
        this.transitions = transitions;
        this.aliases = aliases;
        this.vertx = vertx;
        this.json = json;
    }

    /** Registers a model before its first version; 409 when the name is taken. */
    public Uni<ModelView> createModel(NewModel request, Attribution by) {
        return checked(() -> RegistryValidation.checkNewModel(request)).chain(() -> Panache.withTransaction(() ->
                RegisteredModel.<RegisteredModel>findById(request.name()).chain(existing -> {
                    if (existing != null) {
                        return Uni.createFrom().failure(new ProblemException(ProblemType.CONFLICT, "model '"
                                + request.name() + "' exists already (a " + existing.kind + ")"));
                    }
                    return insertModel(request.name(), request.kind(), request.description(), by);
                }).chain(created -> queries.model(created.name))))
                .onFailure(RegistryService::isConcurrentChange).transform(e -> concurrentChange(request.name()));
    }

    /**
     * Registers a new version in one transaction: its artifact (checked with its kind's reader, hashed), metrics,
     * params and lineage. The model is created when it does not exist and {@link NewVersion#kind()} is given.
     */
    public Uni<VersionView> register(NewVersion request, Attribution by) {
        return checked(() -> {
            RegistryValidation.checkNewVersion(request);
            RegistryValidation.checkArtifactSize(request.artifact().length, config.maxArtifactSize().asLongValue());
        }).chain(() -> Panache.withSession(() -> RegisteredModel.<RegisteredModel>findById(request.model())))
                .map(existing -> kindOf(request, existing))
                .chain(kind -> vertx.executeBlocking(Uni.createFrom().item(() -> {
                    ArtifactFormats.check(kind, request.artifact());
                    return Sha256.hex(request.artifact());
                })).chain(sha256 -> Panache.withTransaction(() -> store(request, kind, sha256, by))))
                .onFailure(RegistryService::isConcurrentChange).transform(e -> concurrentChange(request.model()));
    }

    /** Moves a version to another stage under the rules of {@link StageTransitions} (see docs/registry.md). */
    public Uni<VersionView> transition(String model, int version, StageChange change, Attribution by) {
        return checked(() -> {
            if (change == null || change.stage() == null) {
                throw new ProblemException(ProblemType.INVALID_REQUEST, "the target stage is required",
                        List.of(new FieldError("stage", "must be one of None, Staging, Production, Archived")));
            }
            RegistryValidation.checkReason(change.reason());
        }).chain(() -> Panache.withTransaction(() -> lockedModel(model)
                .chain(registered -> queries.row(model, version).chain(row -> transitions.apply(registered, row,
                        change, change.reason() == null ? by : by.because(change.reason()))))
                .chain(queries::view)))
                .onFailure(RegistryService::isConcurrentChange).transform(e -> concurrentChange(model));
    }

    /** Records the verdict of the evaluation gates on a version; the latest verdict is the one that counts. */
    public Uni<VersionView> recordEvaluation(String model, int version, EvaluationVerdict verdict, Attribution by) {
        return checked(() -> {
            if (verdict == null) {
                throw new ProblemException(ProblemType.INVALID_REQUEST, "a verdict is required");
            }
        }).chain(() -> Panache.withTransaction(() -> lockedModel(model).chain(() -> queries.row(model, version))
                .call(row -> {
                    row.evaluation = evaluationNode(verdict, by);
                    row.evaluationPassed = verdict.passed();
                    return journal.record(model, version, "model.version.evaluated", by, facts("passed", verdict.passed(),
                            "summary", verdict.summary(), "baseline_version", verdict.baselineVersion()));
                }).chain(queries::view)));
    }

    /** Points an alias at a version (moving it if it pointed elsewhere); {@code champion} is the registry's own. */
    public Uni<VersionView> setAlias(String model, String alias, int version, Attribution by) {
        return checked(() -> {
            RegistryValidation.checkAlias(alias);
            RegistryValidation.checkReason(by.reason());
            refuseChampion(alias);
        }).chain(() -> Panache.withTransaction(() -> lockedModel(model).chain(() -> queries.row(model, version))
                .call(row -> aliases.point(model, alias, version, by)).chain(queries::view)));
    }

    /** Removes an alias; 404 when the model has no such alias. */
    public Uni<Void> removeAlias(String model, String alias, Attribution by) {
        return checked(() -> {
            RegistryValidation.checkAlias(alias);
            refuseChampion(alias);
        }).chain(() -> Panache.withTransaction(() -> lockedModel(model)
                .chain(() -> aliases.remove(model, alias, by)).invoke(removed -> {
                    if (!removed) {
                        throw new ProblemException(ProblemType.NOT_FOUND, "model '" + model + "' has no alias '"
                                + alias + "'");
                    }
                }).replaceWithVoid()));
    }

    /** The bytes of a version's artifact with their sha256. */
    public Uni<Artifact> artifact(String model, int version) {
        return Panache.withSession(() -> queries.row(model, version).chain(row ->
                ModelArtifact.<ModelArtifact>findById(row.id).map(stored ->
                        new Artifact(model, version, row.sha256.trim(), stored.bytes))));
    }

    /** The version in Production, if any. */
    public Uni<Optional<VersionView>> production(String model) {
        return Panache.withSession(() -> queries.modelRow(model).chain(() -> ModelVersion.<ModelVersion>find(
                "model = ?1 and stage = ?2", model, Stage.PRODUCTION.label()).<ModelVersion>firstResult())
                .chain(row -> row == null ? Uni.createFrom().item(Optional.<VersionView>empty())
                        : queries.view(row).map(Optional::of)));
    }

    /** The model's row, locked until the end of the caller's transaction: changes of one model run one by one. */
    public Uni<RegisteredModel> lockedModel(String model) {
        return RegisteredModel.<RegisteredModel>findById(model, LockModeType.PESSIMISTIC_WRITE).map(found -> {
            if (found == null) {
                throw new ProblemException(ProblemType.NOT_FOUND, "no model named '" + model + "'");
            }
            return found;
        });
    }

    private Uni<VersionView> store(NewVersion request, ModelKind kind, String sha256, Attribution by) {
        return RegisteredModel.<RegisteredModel>findById(request.model(), LockModeType.PESSIMISTIC_WRITE)
                .chain(existing -> existing != null ? Uni.createFrom().item(existing)
                        : insertModel(request.model(), kind, null, by))
                .chain(registered -> ModelVersion.<ModelVersion>find("model = ?1 order by version desc",
                        request.model()).<ModelVersion>firstResult())
                .call(latest -> checkParent(request, latest))
                .chain(latest -> persistVersion(request, sha256, latest == null ? null : latest.version, by))
                .map(row -> VersionView.of(row, kind, List.of()));
    }

    private static Uni<Void> checkParent(NewVersion request, ModelVersion latest) {
        Integer parent = request.parentVersion();
        if (parent == null || latest != null && parent <= latest.version) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().failure(new ProblemException(ProblemType.INVALID_REQUEST, "the parent version does "
                + "not exist", List.of(new FieldError("parent_version", "model '" + request.model()
                + "' has no version " + parent))));
    }

    private Uni<ModelVersion> persistVersion(NewVersion request, String sha256, Integer previous, Attribution by) {
        OffsetDateTime now = now();
        ModelVersion row = new ModelVersion();
        row.id = UUID.randomUUID();
        row.model = request.model();
        row.version = previous == null ? 1 : previous + 1;
        row.description = request.description() == null ? "" : request.description();
        row.sha256 = sha256;
        row.sizeBytes = request.artifact().length;
        row.metrics = Map.copyOf(request.metrics());
        row.params = Map.copyOf(request.params());
        row.details = request.details() == null ? null : json.valueToTree(request.details());
        row.datasetSha256 = request.datasetSha256();
        row.codeVersion = request.codeVersion() == null ? config.codeVersion() : request.codeVersion();
        row.createdBy = by.actor();
        row.createdThrough = by.trigger();
        row.runId = request.runId();
        row.parentVersion = request.parentVersion();
        row.previousVersion = previous;
        row.createdAt = now;
        row.stage = request.stage().label();
        row.stageChangedAt = now;
        ModelArtifact artifact = new ModelArtifact();
        artifact.versionId = row.id;
        artifact.bytes = request.artifact();
        return row.<ModelVersion>persist().call(artifact::persist)
                .call(() -> journal.record(row.model, row.version, "model.version.registered", by, facts(
                        "sha256", sha256, "size", row.sizeBytes, "stage", row.stage,
                        "dataset_sha256", row.datasetSha256, "run_id", row.runId == null ? null : row.runId.toString())));
    }

    private Uni<RegisteredModel> insertModel(String name, ModelKind kind, String description, Attribution by) {
        RegisteredModel model = new RegisteredModel();
        model.name = name;
        model.kind = kind.label();
        model.description = description == null ? "" : description;
        model.createdAt = now();
        model.createdBy = by.actor();
        return model.<RegisteredModel>persist().call(() -> journal.record(name, null, "model.created", by,
                facts("kind", kind.label())));
    }

    private static ModelKind kindOf(NewVersion request, RegisteredModel existing) {
        if (existing == null) {
            if (request.kind() == null) {
                throw new ProblemException(ProblemType.NOT_FOUND, "no model named '" + request.model()
                        + "'; give its kind to create it with this version");
            }
            return request.kind();
        }
        ModelKind kind = ModelKind.parse(existing.kind);
        if (request.kind() != null && request.kind() != kind) {
            throw new ProblemException(ProblemType.CONFLICT, "model '" + request.model() + "' holds "
                    + kind.label() + " versions, not " + request.kind().label());
        }
        return kind;
    }

    private ObjectNode evaluationNode(EvaluationVerdict verdict, Attribution by) {
        ObjectNode node = json.createObjectNode();
        node.put("passed", verdict.passed());
        node.put("summary", verdict.summary() == null ? "" : verdict.summary());
        if (verdict.baselineVersion() != null) {
            node.put("baseline_version", verdict.baselineVersion());
        }
        node.set("details", json.valueToTree(verdict.details() == null ? Map.of() : verdict.details()));
        node.put("evaluated_at", now().toString());
        node.put("evaluated_by", by.actor());
        node.put("trigger", by.trigger());
        return node;
    }

    private static void refuseChampion(String alias) {
        if (CHAMPION.equals(alias)) {
            throw new ProblemException(ProblemType.CONFLICT, "the alias 'champion' follows the Production version; "
                    + "promote a version to Production to move it");
        }
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    /** Runs checks inside the Uni, so that a refusal is a failed Uni whoever calls. */
    static Uni<Void> checked(Runnable checks) {
        return Uni.createFrom().item(() -> {
            checks.run();
            return Boolean.TRUE;
        }).replaceWithVoid();
    }

    static boolean isConcurrentChange(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConstraintViolationException) {
                return true;
            }
        }
        return false;
    }

    private static ProblemException concurrentChange(String model) {
        return new ProblemException(ProblemType.CONFLICT, "model '" + model + "' was changed by another request at "
                + "the same time; read it again and retry");
    }
}
