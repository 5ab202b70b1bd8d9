package io.flywheel.mlops.data;

import com.fasterxml.jackson.core.type.TypeReference;
import io.flywheel.mlops.audit.AuditLog;
import io.flywheel.mlops.audit.AuditRecord;
import io.flywheel.mlops.persistence.Awaited;
import io.flywheel.mlops.persistence.StoredJson;
import io.flywheel.mlops.validation.StoredValidation;
import io.flywheel.mlops.validation.ValidationService;
import io.flywheel.mlops.validation.ValidationView;
import io.flywheel.shared.data.Column;
import io.flywheel.shared.data.ColumnType;
import io.flywheel.shared.data.FeatureSchema;
import io.flywheel.shared.data.Table;
import io.flywheel.shared.problem.Problem;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import io.flywheel.shared.validation.ValidationReport;
import io.flywheel.shared.validation.ValidationSuite;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Dataset snapshots: reads uploads into tables, stores them as immutable content-addressed snapshots together with
 * their first validation (one transaction: nothing half-stored), lists them and loads them back for training.
 */
@ApplicationScoped
public class DatasetService {

    private static final Logger LOG = Logger.getLogger(DatasetService.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Map<String, Character> DELIMITERS = Map.of(",", ',', ";", ';', "|", '|', "tab", '\t',
            "\t", '\t');

    private final DatasetSettings settings;
    private final ValidationService validation;
    private final AuditLog audit;

    public DatasetService(DatasetSettings settings, ValidationService validation, AuditLog audit) {
        this.settings = settings;
        this.validation = validation;
        this.audit = audit;
    }

    /** A stored snapshot, and whether this call created it (else the same content was there already). */
    public record Stored(DatasetView view, boolean created) {
    }

    /** A snapshot loaded for training: its metadata, schema and rows. */
    public record Loaded(DatasetSnapshot snapshot, FeatureSchema schema, Table table) {
    }

    /** Reads a CSV upload (blocking: call on a worker thread) and stores it with its first validation. */
    public Stored upload(InputStream body, UploadRequest request, String actor) {
        checkName(request.name());
        char delimiter = delimiter(request.delimiter());
        if (request.label() == null || request.label().isBlank()) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "the label column is required",
                    List.of(new Problem.FieldError("label", "name the label column, e.g. ?label=Class")));
        }
        FeatureSchema previous = Awaited.result(() -> previousSchema(request.name()));
        Table read = CsvTableReader.read(body, settings.maxUploadSize().asLongValue(), delimiter,
                types(request, previous));
        Table table = selected(read, request);
        FeatureSchema schema = FeatureSchema.infer(table, request.label(), request.positiveClass());
        Map<String, String> details = Map.of("delimiter", CsvTableReader.describe(delimiter),
                "columns", Integer.toString(read.columns().size()));
        return store(table, schema, request.name(), new SnapshotSource(SnapshotSource.UPLOAD, details), actor);
    }

    /**
     * Stores rows as a snapshot of a dataset (blocking: canonical form and validation are computed here): the same
     * content twice gives the same snapshot, not a copy. The entry point of every snapshot source.
     */
    public Stored store(Table table, FeatureSchema schema, String name, SnapshotSource source, String actor) {
        CanonicalSnapshot.Encoded encoded = CanonicalSnapshot.encode(table, schema);
        DatasetProfile profile = DatasetProfile.of(table, schema);
        ValidationSuite existing = Awaited.result(() -> Panache.withSession(() -> validation.newest(name)));
        ValidationSuite suite = existing != null ? existing : validation.defaultSuite(name, schema);
        ValidationReport report = suite.run(table);
        DatasetSnapshot snapshot = new DatasetSnapshot();
        snapshot.id = encoded.id();
        snapshot.name = name;
        snapshot.source = source.kind();
        snapshot.sourceJson = StoredJson.write(source.details());
        snapshot.schemaJson = encoded.schemaJson();
        snapshot.rowCount = table.rowCount();
        snapshot.featureCount = schema.features().size();
        snapshot.profileJson = StoredJson.write(profile);
        snapshot.contentBytes = encoded.csvBytes();
        snapshot.storedBytes = encoded.csvGzip().length;
        snapshot.createdBy = actor;
        snapshot.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        Stored stored = Awaited.result(() -> persist(snapshot, encoded.csvGzip(), existing == null ? suite : null,
                report));
        LOG.infof("dataset %s: snapshot %s (%d rows) %s, validation %s", name, encoded.id(), table.rowCount(),
                stored.created() ? "stored" : "already stored", report.passed() ? "passed" : "failed");
        return stored;
    }

    /** Snapshots, newest first, optionally of one dataset. */
    @WithSession
    public Uni<List<DatasetSummary>> list(String name) {
        Uni<List<DatasetSnapshot>> snapshots = name == null
                ? DatasetSnapshot.<DatasetSnapshot>find("order by createdAt desc").list()
                : DatasetSnapshot.<DatasetSnapshot>find("name = ?1 order by createdAt desc", name).list();
        return snapshots.chain(found -> latestValidations().map(passed -> found.stream()
                .map(snapshot -> summary(snapshot, passed.get(snapshot.id.trim())))
                .toList()));
    }

    /** One snapshot in full; 404 when unknown. */
    @WithSession
    public Uni<DatasetView> get(String id) {
        return DatasetSnapshot.<DatasetSnapshot>findById(id).chain(snapshot -> {
            if (snapshot == null) {
                return Uni.createFrom().failure(notFound(id));
            }
            return validation.results(snapshot.id).map(results -> view(snapshot, results.isEmpty() ? null
                    : results.get(0)));
        });
    }

    /** The newest snapshot of a dataset, or of any dataset when {@code name} is null; {@code null} when none. */
    @WithSession
    public Uni<DatasetSnapshot> newest(String name) {
        return (name == null ? DatasetSnapshot.<DatasetSnapshot>find("order by createdAt desc")
                : DatasetSnapshot.<DatasetSnapshot>find("name = ?1 order by createdAt desc", name)).firstResult();
    }

    /** Loads a snapshot's rows, checking them against their hash (blocking: call on a worker thread). */
    public Loaded load(String id) {
        DatasetSnapshot snapshot = Awaited.result(() -> Panache.withSession(() -> DatasetSnapshot.findById(id)));
        if (snapshot == null) {
            throw notFound(id);
        }
        DatasetContent content = Awaited.result(() -> Panache.withSession(() -> DatasetContent.findById(id)));
        FeatureSchema schema = CanonicalSnapshot.schema(snapshot.schemaJson);
        Table table = CanonicalSnapshot.decode(snapshot.id.trim(), snapshot.schemaJson, content.csvGzip, schema);
        return new Loaded(snapshot, schema, table);
    }

    @WithTransaction
    Uni<Stored> persist(DatasetSnapshot snapshot, byte[] csvGzip, ValidationSuite newSuite, ValidationReport report) {
        return DatasetSnapshot.<DatasetSnapshot>findById(snapshot.id).chain(existing -> {
            if (existing != null) {
                if (!existing.name.equals(snapshot.name)) {
                    return Uni.createFrom().failure(new ProblemException(ProblemType.CONFLICT, "the same content is "
                            + "already snapshot " + existing.id + " of dataset '" + existing.name + "'"));
                }
                return validation.results(existing.id).map(results -> new Stored(view(existing,
                        results.isEmpty() ? null : results.get(0)), false));
            }
            DatasetContent content = new DatasetContent();
            content.snapshotId = snapshot.id;
            content.csvGzip = csvGzip;
            Uni<Void> suite = newSuite == null ? Uni.createFrom().voidItem()
                    : validation.persist(newSuite, ValidationService.DEFAULT_CREATOR);
            return suite.chain(snapshot::persist)
                    .chain(content::persist)
                    .chain(() -> validation.record(snapshot.id, report, snapshot.source))
                    .call(() -> audit.append(new AuditRecord(snapshot.createdBy, snapshot.source, "dataset.snapshot",
                            "dataset:" + snapshot.name + "/" + snapshot.id, null, null,
                            report.passed() ? "stored, validation passed" : "stored, validation failed",
                            Map.of("rows", snapshot.rowCount, "features", snapshot.featureCount,
                                    "suite", report.suite(), "suite_version", report.suiteVersion()))))
                    .map(result -> new Stored(view(snapshot, result), true));
        });
    }

    @WithSession
    Uni<FeatureSchema> previousSchema(String name) {
        return newest(name).map(snapshot -> snapshot == null ? null : CanonicalSnapshot.schema(snapshot.schemaJson));
    }

    /** The newest validation verdict of every snapshot (verdicts only: reports are not read). */
    private Uni<Map<String, Boolean>> latestValidations() {
        return Panache.getSession().chain(session -> session.createSelectionQuery(
                "select v.snapshotId, v.passed from StoredValidation v order by v.createdAt", Object[].class)
                .getResultList()).map(rows -> {
                    Map<String, Boolean> passed = new HashMap<>();
                    rows.forEach(row -> passed.put(((String) row[0]).trim(), (Boolean) row[1]));
                    return passed;
                });
    }

    /** Declared types, and the categorical features of the dataset's previous snapshot (so "02139" stays text). */
    private static Map<String, ColumnType> types(UploadRequest request, FeatureSchema previous) {
        Map<String, ColumnType> types = new LinkedHashMap<>();
        if (previous != null) {
            types.putAll(previous.categoricalColumns());
        }
        request.categorical().forEach(column -> types.put(column, ColumnType.CATEGORICAL));
        request.numeric().forEach(column -> types.put(column, ColumnType.NUMERIC));
        return types;
    }

    /** The requested features (default: every column) and the label, in that order. */
    private static Table selected(Table read, UploadRequest request) {
        if (!read.has(request.label())) {
            throw new ProblemException(ProblemType.INVALID_DATASET, "label column `" + request.label()
                    + "` is not in the upload; its columns are " + String.join(", ", read.columnNames()),
                    List.of(new Problem.FieldError("label", "is not a column of the upload")));
        }
        if (request.features().isEmpty()) {
            return read;
        }
        List<Column> columns = new ArrayList<>();
        for (String feature : request.features()) {
            if (feature.equals(request.label())) {
                throw new ProblemException(ProblemType.INVALID_REQUEST, "the label `" + feature
                        + "` cannot also be a feature", List.of(new Problem.FieldError("features", "names the label")));
            }
            columns.add(read.column(feature));
        }
        columns.add(read.column(request.label()));
        return Table.of(columns);
    }

    private static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "a dataset name is required",
                    List.of(new Problem.FieldError("name", "1 to 100 letters, digits, '.', '_' or '-', "
                            + "starting with a letter or digit")));
        }
    }

    private static char delimiter(String name) {
        if (name == null || name.isEmpty()) {
            return ',';
        }
        Character delimiter = DELIMITERS.get(name);
        if (delimiter == null) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "unknown delimiter '" + name + "'",
                    List.of(new Problem.FieldError("delimiter", "one of ',', ';', '|', 'tab'")));
        }
        return delimiter;
    }

    private static DatasetSummary summary(DatasetSnapshot snapshot, Boolean passed) {
        DatasetProfile profile = StoredJson.read(snapshot.profileJson, new TypeReference<>() {
        });
        return new DatasetSummary(snapshot.id.trim(), snapshot.name, snapshot.source, snapshot.rowCount,
                snapshot.featureCount, profile.positiveRate(), passed, snapshot.createdBy, snapshot.createdAt);
    }

    private static DatasetView view(DatasetSnapshot snapshot, ValidationView validation) {
        DatasetProfile profile = StoredJson.read(snapshot.profileJson, new TypeReference<>() {
        });
        Map<String, String> details = StoredJson.read(snapshot.sourceJson, new TypeReference<>() {
        });
        return new DatasetView(snapshot.id.trim(), snapshot.name, new SnapshotSource(snapshot.source, details),
                CanonicalSnapshot.schema(snapshot.schemaJson), snapshot.rowCount, profile.classCounts(), profile,
                Map.of("canonical", snapshot.contentBytes, "stored", snapshot.storedBytes), validation,
                snapshot.createdBy, snapshot.createdAt);
    }

    private static ProblemException notFound(String id) {
        return new ProblemException(ProblemType.NOT_FOUND, "no dataset snapshot " + id);
    }
}
