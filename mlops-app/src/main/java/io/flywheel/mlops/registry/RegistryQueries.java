package io.flywheel.mlops.registry;

import io.flywheel.shared.deployment.ModelKind;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Reads of the registry: models, versions (by number or alias), comparisons and history. Never writes. */
@ApplicationScoped
public class RegistryQueries {

    private final RegistryConfig config;

    public RegistryQueries(RegistryConfig config) {
        this.config = config;
    }

    /** Every model, by name, optionally of one kind. */
    public Uni<List<ModelView>> models(ModelKind kind) {
        return Panache.withSession(() -> (kind == null ? RegisteredModel.<RegisteredModel>list("order by name")
                : RegisteredModel.<RegisteredModel>list("kind = ?1 order by name", kind.label()))
                .chain(models -> summaries(null).map(summaries -> models.stream()
                        .map(model -> summaries.view(model)).toList())));
    }

    /**
     * The models a job of the loop works on: {@code named} alone (404 when unknown), or every model of the kind that
     * has a Production version.
     */
    public Uni<List<String>> inProduction(ModelKind kind, String named) {
        return named != null ? model(named).map(view -> List.of(view.name())) : models(kind).map(views -> views
                .stream().filter(view -> view.productionVersion() != null).map(ModelView::name).toList());
    }

    /** One model; 404 when there is none of that name. */
    public Uni<ModelView> model(String name) {
        return Panache.withSession(() -> modelRow(name).chain(model -> summaries(name).map(s -> s.view(model))));
    }

    /** A model's versions, newest first, optionally only those in one stage. */
    public Uni<List<VersionView>> versions(String model, Stage stage) {
        return Panache.withSession(() -> modelRow(model).chain(registered -> (stage == null
                ? ModelVersion.<ModelVersion>find("model = ?1 order by version desc", model)
                : ModelVersion.<ModelVersion>find("model = ?1 and stage = ?2 order by version desc", model, stage.label()))
                .page(0, config.maxListSize()).<ModelVersion>list()
                .chain(rows -> aliasesByVersion(model).map(aliases -> rows.stream().map(row -> VersionView.of(row,
                        ModelKind.parse(registered.kind), aliases.getOrDefault(row.version, List.of()))).toList()))));
    }

    /** One version, by its number or by an alias; 404 naming the model or the version that does not exist. */
    public Uni<VersionView> version(String model, String numberOrAlias) {
        return Panache.withSession(() -> row(model, numberOrAlias).chain(this::view));
    }

    /** One version by number. */
    public Uni<VersionView> version(String model, int version) {
        return Panache.withSession(() -> row(model, version).chain(this::view));
    }

    /** Two versions side by side: metric deltas (candidate − base), parameter changes, lineage. */
    public Uni<Comparison> compare(String model, String base, String candidate) {
        return Panache.withSession(() -> version(model, base).chain(left -> version(model, candidate)
                .map(right -> compare(left, right))));
    }

    /** A model's history, newest first. */
    public Uni<List<RegistryEventView>> events(String model) {
        return Panache.withSession(() -> modelRow(model).chain(() -> RegistryEvent.<RegistryEvent>find(
                "model = ?1 order by id desc", model).page(0, config.maxListSize()).<RegistryEvent>list())
                .map(events -> events.stream().map(RegistryEventView::of).toList()));
    }

    /** Every version of every model with its recorded hash, by model and version (no artifact bytes). */
    public Uni<List<StoredVersion>> storedVersions() {
        return Panache.withSession(() -> ModelVersion.<ModelVersion>list("order by model, version")).map(rows -> rows
                .stream().map(StoredVersion::of).toList());
    }

    /** One version's identity and recorded artifact hash and size, by number or alias (no lineage, no aliases). */
    public Uni<StoredVersion> stored(String model, String numberOrAlias) {
        return Panache.withSession(() -> row(model, numberOrAlias).map(StoredVersion::of));
    }

    /** A version's identity and recorded artifact hash and size. */
    public record StoredVersion(String model, int version, String sha256, long size) {

        static StoredVersion of(ModelVersion row) {
            return new StoredVersion(row.model, row.version, row.sha256.trim(), row.sizeBytes);
        }
    }

    Uni<RegisteredModel> modelRow(String model) {
        return RegisteredModel.<RegisteredModel>findById(model).map(found -> {
            if (found == null) {
                throw new ProblemException(ProblemType.NOT_FOUND, "no model named '" + model + "'");
            }
            return found;
        });
    }

    Uni<ModelVersion> row(String model, int version) {
        return ModelVersion.<ModelVersion>find("model = ?1 and version = ?2", model, version)
                .<ModelVersion>firstResult().call(row -> row != null ? Uni.createFrom().voidItem()
                        : modelRow(model).invoke(() -> {
                            throw new ProblemException(ProblemType.NOT_FOUND, "model '" + model + "' has no version "
                                    + version);
                        }));
    }

    Uni<ModelVersion> row(String model, String numberOrAlias) {
        if (numberOrAlias != null && numberOrAlias.matches("[0-9]{1,9}")) {
            return row(model, Integer.parseInt(numberOrAlias));
        }
        if (numberOrAlias == null || !RegistryValidation.ALIAS.matcher(numberOrAlias).matches()) {
            return Uni.createFrom().failure(new ProblemException(ProblemType.NOT_FOUND, "'" + numberOrAlias
                    + "' is neither a version number nor an alias"));
        }
        return ModelAlias.<ModelAlias>find("model = ?1 and alias = ?2", model, numberOrAlias)
                .<ModelAlias>firstResult().chain(alias -> alias != null ? row(model, alias.version)
                        : modelRow(model).map(found -> {
                            throw new ProblemException(ProblemType.NOT_FOUND, "model '" + model + "' has no alias '"
                                    + numberOrAlias + "'");
                        }));
    }

    Uni<VersionView> view(ModelVersion row) {
        return modelRow(row.model).chain(model -> ModelAlias.<ModelAlias>list(
                "model = ?1 and version = ?2 order by alias", row.model, row.version).map(aliases ->
                VersionView.of(row, ModelKind.parse(model.kind), aliases.stream().map(a -> a.alias).toList())));
    }

    private Uni<Map<Integer, List<String>>> aliasesByVersion(String model) {
        return ModelAlias.<ModelAlias>list("model = ?1 order by alias", model).map(aliases -> {
            Map<Integer, List<String>> byVersion = new HashMap<>();
            aliases.forEach(a -> byVersion.computeIfAbsent(a.version, v -> new ArrayList<>()).add(a.alias));
            return byVersion;
        });
    }

    /** Latest version, version count, Production version and aliases of every model (or one), in four queries. */
    private Uni<Summaries> summaries(String onlyModel) {
        String filter = onlyModel == null ? "" : " where v.model = :model";
        return Panache.getSession().chain(session -> {
            var query = session.createSelectionQuery(
                    "select v.model, max(v.version), count(v.id) from ModelVersion v" + filter + " group by v.model",
                    Object[].class);
            if (onlyModel != null) {
                query.setParameter("model", onlyModel);
            }
            return query.getResultList();
        }).chain(counts -> ModelVersion.<ModelVersion>list("stage = ?1", Stage.PRODUCTION.label())
                        .chain(production -> ModelAlias.<ModelAlias>listAll().map(aliases ->
                                new Summaries(counts, production, aliases))));
    }

    private static Comparison compare(VersionView base, VersionView candidate) {
        List<Comparison.MetricDelta> metrics = new ArrayList<>();
        for (String name : new TreeSet<>(union(base.metrics().keySet(), candidate.metrics().keySet()))) {
            Double left = base.metrics().get(name);
            Double right = candidate.metrics().get(name);
            metrics.add(new Comparison.MetricDelta(name, left, right,
                    left == null || right == null ? null : right - left));
        }
        List<Comparison.ParamDiff> params = new ArrayList<>();
        for (String name : new TreeSet<>(union(base.params().keySet(), candidate.params().keySet()))) {
            String left = base.params().get(name);
            String right = candidate.params().get(name);
            params.add(new Comparison.ParamDiff(name, left, right, !Objects.equals(left, right)));
        }
        return new Comparison(base.model(), base, candidate, metrics, params,
                base.lineage().datasetSha256() != null
                        && base.lineage().datasetSha256().equals(candidate.lineage().datasetSha256()),
                base.artifact().sha256().equals(candidate.artifact().sha256()));
    }

    private static List<String> union(Set<String> a, Set<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** The per-model facts a {@link ModelView} shows beyond the model's own row. */
    private record Summaries(List<Object[]> counts, List<ModelVersion> production, List<ModelAlias> aliases) {

        ModelView view(RegisteredModel model) {
            Integer latest = null;
            long versions = 0;
            for (Object[] row : counts) {
                if (model.name.equals(row[0])) {
                    latest = ((Number) row[1]).intValue();
                    versions = ((Number) row[2]).longValue();
                }
            }
            Integer productionVersion = production.stream().filter(v -> v.model.equals(model.name))
                    .map(v -> v.version).findFirst().orElse(null);
            Map<String, Integer> pointers = new TreeMap<>();
            aliases.stream().filter(a -> a.model.equals(model.name)).forEach(a -> pointers.put(a.alias, a.version));
            return new ModelView(model.name, ModelKind.parse(model.kind), model.description, model.createdAt,
                    model.createdBy, latest, productionVersion, versions, pointers);
        }
    }
}
