package io.flywheel.inference.predictions;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.flywheel.inference.DatabaseTestResource;
import io.flywheel.inference.FakeMlops;
import io.flywheel.inference.FakeMlopsResource;
import io.flywheel.inference.tabular.Await;
import io.flywheel.inference.tabular.LendingClub;
import io.flywheel.shared.drift.DriftAccumulator;
import io.flywheel.shared.drift.LatencyHistogram;
import io.flywheel.shared.tabular.ArtifactCodec;
import io.flywheel.testing.FakeMlopsApp;
import io.flywheel.testing.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * What a pod serves reaches {@code inference.serving_minute}: one row per version, minute and pod, with the requests,
 * the scored rows, their latencies, the rows binned on the version's training reference exactly as shared-model bins
 * them, and the refused requests as errors.
 */
@QuarkusTest
@QuarkusTestResource(DatabaseTestResource.class)
@QuarkusTestResource(FakeMlopsResource.class)
class ServingMinutesTest {

    private static final String MODEL = "minute-credit";
    private static final byte[] ARTIFACT = LendingClub.logisticRegression(121);
    private static final int[] ROWS = LendingClub.rows(40, 25);

    @FakeMlops
    FakeMlopsApp mlops;
    @Inject
    ServingMinutes minutes;

    @Test
    void servedRowsAndARefusedRequestAreCountedInTheirMinuteRow() throws Exception {
        mlops.deploy(MODEL, LendingClub.KIND, LendingClub.version(1, ARTIFACT));
        Await.serving(MODEL, "1");

        given().contentType("application/json").body(LendingClub.json(LendingClub.request(ROWS)))
                .when().post("/v2/models/" + MODEL + "/infer").then().statusCode(200);
        var missingInput = LendingClub.request(ROWS);
        missingInput.withArray("inputs").remove(0);
        given().contentType("application/json").body(LendingClub.json(missingInput))
                .when().post("/v2/models/" + MODEL + "/infer").then().statusCode(422);

        MinuteRow row = until(found -> found != null && found.requests() == 2 && found.errors() == 1
                && found.drift() != null && Arrays.stream(found.drift()).sum() > 0);
        DriftAccumulator direct = new DriftAccumulator(ArtifactCodec.read(ARTIFACT).reference());
        direct.add(LendingClub.TABLE.select(ROWS));
        direct.addPredictions(LendingClub.expected(ARTIFACT, ROWS));
        assertThat(row.scoredRows()).isEqualTo(ROWS.length);
        assertThat(LatencyHistogram.of(row.latency()).total()).as("answered requests").isOne();
        assertThat(row.driftEncoding()).isEqualTo(DriftAccumulator.COUNTS_ENCODING);
        assertThat(row.drift()).as("the rows binned by the log's writer").isEqualTo(direct.counts());
        assertThat(row.minute()).isBetween(Instant.now().minus(Duration.ofMinutes(2)), Instant.now());
    }

    private record MinuteRow(Instant minute, long requests, long errors, long scoredRows, long[] latency,
                             Integer driftEncoding, long[] drift) {
    }

    /** This pod's rows of the model, summed over minutes (a test may straddle a minute's end). */
    private MinuteRow read() throws SQLException {
        try (Connection db = TestDatabase.shared().connect();
             PreparedStatement query = db.prepareStatement("SELECT minute, requests, errors, scored_rows, "
                     + "latency_buckets, drift_encoding, drift_counts FROM inference.serving_minute "
                     + "WHERE model = ? AND model_version = 1 AND pod = ? ORDER BY minute")) {
            query.setString(1, MODEL);
            query.setString(2, minutes.pod());
            MinuteRow sum = null;
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    MinuteRow row = new MinuteRow(rows.getTimestamp(1).toInstant(), rows.getLong(2),
                            rows.getLong(3), rows.getLong(4), longs(rows, 5),
                            rows.getObject(6) == null ? null : rows.getInt(6), longs(rows, 7));
                    sum = sum == null ? row : new MinuteRow(sum.minute(), sum.requests() + row.requests(),
                            sum.errors() + row.errors(), sum.scoredRows() + row.scoredRows(),
                            add(sum.latency(), row.latency()), row.driftEncoding(), add(sum.drift(), row.drift()));
                }
            }
            return sum;
        }
    }

    private MinuteRow until(Predicate<MinuteRow> condition) throws Exception {
        Instant deadline = Instant.now().plus(Await.DEADLINE);
        MinuteRow row = read();
        while (!condition.test(row)) {
            assertThat(Instant.now()).as("the minute row, last seen: " + row).isBefore(deadline);
            Await.pause(Duration.ofMillis(100));
            row = read();
        }
        return row;
    }

    private static long[] longs(ResultSet rows, int column) throws SQLException {
        java.sql.Array array = rows.getArray(column);
        return array == null ? null : Arrays.stream((Long[]) array.getArray()).mapToLong(Long::longValue).toArray();
    }

    private static long[] add(long[] a, long[] b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        long[] sum = a.clone();
        for (int i = 0; i < sum.length; i++) {
            sum[i] += b[i];
        }
        return sum;
    }
}
