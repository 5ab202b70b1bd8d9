package io.flywheel.mlops.batch;

import io.agroal.api.AgroalDataSource;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import io.flywheel.shared.tabular.TabularModel;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The stored predictions of batch-score runs. A run's rows are written with JDBC batches in one transaction (all or
 * none: a crashed run leaves nothing half-written); they are read reactively, a page at a time.
 */
@ApplicationScoped
public class BatchPredictions {

    /** Rows sent per JDBC batch. */
    static final int INSERT_BATCH = 2000;
    private static final String INSERT = "INSERT INTO mlops.batch_prediction (run_id, row_index, model, model_version, "
            + "snapshot_id, probability, label, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String RUN_OF = "SELECT run_id, model, model_version, snapshot_id, created_at, count(*) "
            + "FROM mlops.batch_prediction WHERE run_id = ?1 GROUP BY run_id, model, model_version, snapshot_id, "
            + "created_at";
    private static final String NEWEST_RUN = "SELECT run_id FROM mlops.batch_prediction WHERE model = ?1 "
            + "ORDER BY created_at DESC LIMIT 1";
    private static final String PAGE = "SELECT row_index, probability, label FROM mlops.batch_prediction "
            + "WHERE run_id = ?1 ORDER BY row_index LIMIT ?2 OFFSET ?3";

    private final AgroalDataSource database;

    public BatchPredictions(AgroalDataSource database) {
        this.database = database;
    }

    /** Stores one run's predictions (blocking). */
    public void store(UUID run, String model, int version, String snapshot, double[] probabilities,
                      TabularModel scorer) throws SQLException {
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (int row = 0; row < probabilities.length; row++) {
                    insert.setObject(1, run);
                    insert.setInt(2, row);
                    insert.setString(3, model);
                    insert.setInt(4, version);
                    insert.setString(5, snapshot);
                    insert.setDouble(6, probabilities[row]);
                    insert.setString(7, scorer.label(probabilities[row]));
                    insert.setTimestamp(8, now);
                    insert.addBatch();
                    if ((row + 1) % INSERT_BATCH == 0) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    /** A page of a run's predictions (the model's newest run when {@code run} is null); 404 when there is none. */
    public Uni<BatchPage> page(UUID run, String model, int page, int size) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> {
            Uni<UUID> runId = run != null ? Uni.createFrom().item(run) : session.createNativeQuery(NEWEST_RUN,
                    UUID.class).setParameter(1, model).getResultList().map(found -> found.isEmpty() ? null
                    : found.get(0));
            return runId.chain(id -> {
                if (id == null) {
                    return Uni.createFrom().failure(new ProblemException(ProblemType.NOT_FOUND, "no batch-score "
                            + "predictions of model '" + model + "'"));
                }
                return session.createNativeQuery(RUN_OF, Object[].class).setParameter(1, id).getResultList()
                        .chain(header -> {
                            if (header.isEmpty()) {
                                return Uni.createFrom().failure(new ProblemException(ProblemType.NOT_FOUND,
                                        "no batch-score predictions of run " + id));
                            }
                            return session.createNativeQuery(PAGE, Object[].class).setParameter(1, id)
                                    .setParameter(2, size).setParameter(3, (long) page * size).getResultList()
                                    .map(rows -> BatchPage.of(header.get(0), page, size, rows));
                        });
            });
        }));
    }

    /** One page of a batch-score run. */
    public record BatchPage(UUID run, String model, int version, String snapshot, String createdAt, long total,
                            int page, int size, List<BatchPrediction> predictions) {

        static BatchPage of(Object[] header, int page, int size, List<Object[]> rows) {
            return new BatchPage((UUID) header[0], (String) header[1], ((Number) header[2]).intValue(),
                    ((String) header[3]).trim(), String.valueOf(header[4]),
                    ((Number) header[5]).longValue(), page, size, rows.stream().map(row -> new BatchPrediction(
                            ((Number) row[0]).intValue(), ((Number) row[1]).doubleValue(), (String) row[2])).toList());
        }
    }

    /** One scored row: its position in the snapshot, the probability of the positive class, the class. */
    public record BatchPrediction(int row, double probability, String label) {
    }
}
