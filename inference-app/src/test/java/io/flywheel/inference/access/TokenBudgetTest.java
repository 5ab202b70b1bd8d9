package io.flywheel.inference.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flywheel.inference.DatabaseTestResource;
import io.flywheel.shared.access.KeyGrant;
import io.flywheel.shared.access.Role;
import io.flywheel.shared.problem.ProblemException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Two budget components on one database stand for two pods; a new component stands for a restarted pod. */
@QuarkusTest
@QuarkusTestResource(DatabaseTestResource.class)
class TokenBudgetTest {

    private static final int LEASE = 2_000;

    @Inject
    Pool pool;
    @Inject
    AccessSettings settings;

    private static KeyGrant key(long budget) {
        return new KeyGrant(UUID.randomUUID().toString(), "budget-test", "hash", Role.VIEWER, 0, budget, 0);
    }

    @Test
    void twoPodsShareOneDailyBudgetAndNeverExceedIt() {
        KeyGrant key = key(5_000);
        SimpleMeterRegistry podAMetrics = new SimpleMeterRegistry();
        TokenBudget podA = new TokenBudget(pool, settings, podAMetrics);
        TokenBudget podB = new TokenBudget(pool, settings, new SimpleMeterRegistry());

        podA.reserve(key, 1_500);
        podB.reserve(key, 1_500);
        podA.reserve(key, 1_500);

        assertThat(podA.usedToday(key.id())).isEqualTo(5_000);
        assertThatThrownBy(() -> podB.reserve(key, 600))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(429);
                    assertThat(e.retryAfter()).isPositive();
                });
        assertThat(podB.usedToday(key.id())).isEqualTo(5_000);
        assertThat(podAMetrics.get("flywheel.llm.budget.used.ratio").tag("api_key", "budget-test").gauge().value())
                .as("the share of the budget taken across both pods at pod A's last lease").isEqualTo(1.0);
    }

    @Test
    void tokensReservedButNotUsedAreSpentByLaterRequestsOfThePod() {
        KeyGrant key = key(LEASE);
        TokenBudget pod = new TokenBudget(pool, settings, new SimpleMeterRegistry());

        TokenBudget.Reservation first = pod.reserve(key, 1_500);
        pod.settle(first, 100);
        pod.reserve(key, 1_800);

        assertThat(pod.usedToday(key.id())).isEqualTo(LEASE);
        assertThatThrownBy(() -> pod.reserve(key, 200)).isInstanceOf(ProblemException.class);
    }

    @Test
    void aRestartedPodStillSeesWhatWasSpentToday() {
        KeyGrant key = key(3_000);
        new TokenBudget(pool, settings, new SimpleMeterRegistry()).reserve(key, 2_900);

        TokenBudget restarted = new TokenBudget(pool, settings, new SimpleMeterRegistry());

        assertThatThrownBy(() -> restarted.reserve(key, 1_000)).isInstanceOf(ProblemException.class)
                .hasMessageContaining("daily token budget");
        restarted.reserve(key, 100);
    }

    @Test
    void anUnlimitedKeyNeverTouchesTheDatabase() {
        KeyGrant key = key(0);
        TokenBudget pod = new TokenBudget(pool, settings, new SimpleMeterRegistry());

        pod.reserve(key, 1_000_000);

        assertThat(pool.preparedQuery("SELECT count(*) AS n FROM inference.token_usage WHERE key_id = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(key.id())).await().indefinitely().iterator().next()
                .getLong("n")).isZero();
    }
}
