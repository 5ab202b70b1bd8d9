package io.flywheel.mlops.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flywheel.mlops.registry.RegistryQueries;
import io.flywheel.mlops.registry.RegistryService;
import io.flywheel.mlops.registry.VersionView;
import io.flywheel.shared.deployment.ModelKind;
import io.flywheel.shared.problem.Problem.FieldError;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import io.flywheel.shared.tabular.ArtifactCodec;
import io.flywheel.shared.tabular.TabularModel;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Replays logged predictions (inference-app's {@code inference.prediction}, in the database both apps share) through
 * the model's current Production version, scored here from its registry artifact by the same shared-model scorer the
 * pods use, so an operator sees what the model answers today for what it was asked before.
 */
@ApplicationScoped
public class ReplayService {

    /** PostgreSQL's undefined_table: inference-app has not created its schema in this database. */
    private static final String UNDEFINED_TABLE = "42P01";
    private static final String NEWEST_LOGGED = "select prediction_id, created_at, model_version, features::text, "
            + "probability, label from inference.prediction where model = $1 order by created_at desc limit $2";
    private static final TypeReference<Map<String, Object>> FEATURES = new TypeReference<>() {
    };

    private final Pool pool;
    private final RegistryQueries queries;
    private final RegistryService registry;
    private final DashboardSettings settings;
    private final ObjectMapper json;

    public ReplayService(Pool pool, RegistryQueries queries, RegistryService registry, DashboardSettings settings,
                         ObjectMapper json) {
        this.pool = pool;
        this.queries = queries;
        this.registry = registry;
        this.settings = settings;
        this.json = json;
    }

    /** Replays the newest {@code rows} logged predictions of {@code model}; without a model, only lists the choices. */
    public Uni<Replay> replay(String model, Integer rows) {
        int wanted = rows == null ? settings.replayRows() : rows;
        if (wanted < 1 || wanted > settings.replayMaxRows()) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "rows is out of range",
                    List.of(new FieldError("rows", "must be between 1 and " + settings.replayMaxRows())));
        }
        return queries.models(ModelKind.TABULAR_CLASSIFIER).chain(models -> {
            List<String> names = models.stream().map(m -> m.name()).toList();
            if (model == null || model.isBlank()) {
                return Uni.createFrom().item(new Replay(names, null, null, wanted, List.of(), 0, null));
            }
            if (!names.contains(model)) {
                throw new ProblemException(ProblemType.INVALID_REQUEST, "no tabular model named '" + model + "'",
                        List.of(new FieldError("model", "must be one of " + names)));
            }
            return registry.production(model).chain(production -> production.isEmpty()
                    ? Uni.createFrom().item(new Replay(names, model, null, wanted, List.of(), 0,
                    model + " has no Production version to replay through"))
                    : replay(names, production.get(), wanted));
        });
    }

    private Uni<Replay> replay(List<String> names, VersionView production, int rows) {
        return logged(production.model(), rows).chain(logged -> {
            if (logged.isEmpty()) {
                return Uni.createFrom().item(new Replay(names, production.model(), production.version(), rows,
                        List.of(), 0, logged.note()));
            }
            return registry.artifact(production.model(), production.version())
                    .emitOn(Infrastructure.getDefaultWorkerPool())
                    .map(artifact -> score(TabularModel.compile(ArtifactCodec.read(artifact.bytes())), logged.rows()))
                    .map(replayed -> new Replay(names, production.model(), production.version(), rows, replayed,
                            replayed.stream().filter(ReplayRow::changed).count(), null));
        });
    }

    private Uni<Logged> logged(String model, int rows) {
        return pool.preparedQuery(NEWEST_LOGGED).execute(Tuple.of(model, rows)).map(result -> {
            List<Row> found = new ArrayList<>();
            result.forEach(found::add);
            return new Logged(found, found.isEmpty() ? "no logged predictions of " + model + " yet" : null);
        }).onFailure(PgException.class).recoverWithItem(failure -> {
            if (UNDEFINED_TABLE.equals(((PgException) failure).getSqlState())) {
                return new Logged(List.of(), "there is no prediction log in this database: inference-app creates "
                        + "it when it first starts against it");
            }
            throw new IllegalStateException(failure);
        });
    }

    private List<ReplayRow> score(TabularModel current, List<Row> logged) {
        List<ReplayRow> replayed = new ArrayList<>(logged.size());
        for (Row row : logged) {
            String probability;
            String label;
            try {
                double score = current.scoreRow(features(row.getString(3)));
                probability = percent(score);
                label = current.label(score);
            } catch (ProblemException notScorable) {
                // e.g. the current version's schema lost a feature the logged request had: say so on that row
                probability = "–";
                label = "not scorable now: " + notScorable.getMessage();
            }
            replayed.add(new ReplayRow(row.getUUID(0).toString(), String.valueOf(row.getOffsetDateTime(1)),
                    row.getInteger(2), percent(row.getDouble(4)), row.getString(5), probability, label,
                    !label.equals(row.getString(5))));
        }
        return replayed;
    }

    private Map<String, Object> features(String logged) {
        try {
            return json.readValue(logged, FEATURES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a logged prediction's features are not a JSON object", e);
        }
    }

    private static String percent(double probability) {
        return String.format(Locale.ROOT, "%.4f", probability);
    }

    private record Logged(List<Row> rows, String note) {
        boolean isEmpty() {
            return rows.isEmpty();
        }
    }
}
