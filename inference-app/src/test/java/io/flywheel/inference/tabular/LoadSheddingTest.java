package io.flywheel.inference.tabular;

import static org.assertj.core.api.Assertions.assertThat;

import io.flywheel.inference.DatabaseTestResource;
import io.flywheel.inference.FakeMlops;
import io.flywheel.inference.FakeMlopsResource;
import io.flywheel.inference.ScrapedMetrics;
import io.flywheel.testing.FakeMlopsApp;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * More large batches at once than the scoring pool has threads and queue slots (2 and 4 in tests): the surplus is shed
 * at once with 503 and {@code Retry-After}, never queued without bound, never a 5xx of another kind; the rest is
 * answered, and so are small requests meanwhile (they never wait for the pool).
 */
@QuarkusTest
@QuarkusTestResource(DatabaseTestResource.class)
@QuarkusTestResource(FakeMlopsResource.class)
class LoadSheddingTest {

    private static final String MODEL = "shed-credit";
    private static final int BATCHES = 48;

    @FakeMlops
    FakeMlopsApp mlops;
    @TestHTTPResource("/v2/models/" + MODEL + "/infer")
    URI infer;

    @Test
    void batchesBeyondThePoolAreShedWith503AndRetryAfter() throws Exception {
        mlops.deploy(MODEL, LendingClub.KIND, LendingClub.version(1, LendingClub.randomForest(121)));
        Await.serving(MODEL, "1");
        byte[] batch = LendingClub.json(LendingClub.request(LendingClub.rows(0, 5_000))).getBytes(StandardCharsets.UTF_8);
        double shedBefore = ScrapedMetrics.sum("flywheel_inference_shed_total");

        List<ConcurrentRequests.Answer> answers = ConcurrentRequests.post(infer,
                Collections.nCopies(BATCHES, new ConcurrentRequests.Call(batch, null)), BATCHES);

        Map<Integer, Integer> statuses = new TreeMap<>();
        answers.forEach(answer -> statuses.merge(answer.status(), 1, Integer::sum));
        System.out.println("shedding: " + statuses);
        assertThat(statuses.keySet()).containsOnly(200, 503);
        assertThat(statuses.get(503)).isPositive();
        assertThat(statuses.get(200)).isPositive();
        assertThat(answers).filteredOn(answer -> answer.status() == 503).allSatisfy(answer -> {
            assertThat(answer.contentType()).isEqualTo("application/problem+json");
            assertThat(answer.retryAfter()).isEqualTo("1");
        });
        assertThat(ScrapedMetrics.sum("flywheel_inference_shed_total") - shedBefore).isEqualTo(statuses.get(503).doubleValue());
    }
}
