package io.flywheel.inference.tabular;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CanaryRouterTest {

    private static ServedVersion version(int number) {
        return new ServedVersion("credit", number, "sha", null, null);
    }

    private static final ServedVersion STABLE = version(1);
    private static final ServedVersion CANARY = version(2);

    private static double canaryShareOfKeys(double weight, int keys) {
        ServingState state = new ServingState(STABLE, CANARY, weight);
        return IntStream.range(0, keys).filter(i -> CanaryRouter.route(state, "user-" + i) == CANARY).count()
                / (double) keys;
    }

    @Test
    void keysSpreadOverTheWeightsLikeTheWeightsSay() {
        assertThat(canaryShareOfKeys(0.05, 100_000)).isBetween(0.045, 0.055);
        assertThat(canaryShareOfKeys(0.2, 100_000)).isBetween(0.19, 0.21);
        assertThat(canaryShareOfKeys(0.5, 100_000)).isBetween(0.49, 0.51);
    }

    @Test
    void aKeyAlwaysReachesTheSameVersionAndRaisingTheWeightNeverMovesAKeyBack() {
        ServingState at10 = new ServingState(STABLE, CANARY, 0.1);
        ServingState at25 = new ServingState(STABLE, CANARY, 0.25);
        for (int i = 0; i < 10_000; i++) {
            String key = "customer-" + i;
            ServedVersion first = CanaryRouter.route(at10, key);
            assertThat(CanaryRouter.route(at10, key)).isSameAs(first);
            if (first == CANARY) {
                assertThat(CanaryRouter.route(at25, key)).isSameAs(CANARY);
            }
        }
    }

    @Test
    void withoutAKeyTheDrawIsRandomAtTheWeight() {
        ServingState state = new ServingState(STABLE, CANARY, 0.2);
        long canary = IntStream.range(0, 100_000).filter(i -> CanaryRouter.route(state, null) == CANARY).count();
        assertThat(canary / 100_000.0).isBetween(0.19, 0.21);
    }

    @Test
    void noCanaryOrAZeroWeightIsAlwaysStableAndFullWeightAlwaysCanary() {
        assertThat(CanaryRouter.route(ServingState.of(STABLE), "k")).isSameAs(STABLE);
        assertThat(CanaryRouter.route(new ServingState(STABLE, CANARY, 0), "k")).isSameAs(STABLE);
        assertThat(IntStream.range(0, 1_000).allMatch(i -> CanaryRouter.route(new ServingState(STABLE, CANARY, 1),
                "k" + i) == CANARY)).isTrue();
    }

    @Test
    void theSameKeyFallsDifferentlyForDifferentModelsSoNoCallerIsEveryonesCanary() {
        long agree = IntStream.range(0, 10_000).filter(i -> (CanaryRouter.point("credit", "u" + i) < 0.2)
                == (CanaryRouter.point("churn", "u" + i) < 0.2)).count();
        // independent draws agree on 0.2² + 0.8² = 68% of keys; the same draw would agree on all
        assertThat(agree / 10_000.0).isBetween(0.65, 0.71);
    }
}
