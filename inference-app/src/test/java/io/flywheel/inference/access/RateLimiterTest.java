package io.flywheel.inference.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.flywheel.shared.access.KeyGrant;
import io.flywheel.shared.access.Role;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final RateLimiter limiter = new RateLimiter(1, now::get);

    private static KeyGrant key(double rps) {
        return new KeyGrant("k-" + rps, "k", "h", Role.VIEWER, rps, 0, 0);
    }

    @Test
    void aBurstUpToTheRateGoesThenTheNextWaitsForItsToken() {
        KeyGrant key = key(4);
        for (int i = 0; i < 4; i++) {
            assertThat(limiter.acquire(key)).isZero();
        }
        assertThat(limiter.acquire(key)).isEqualTo(Duration.ofMillis(250));

        now.addAndGet(Duration.ofMillis(250).toNanos());
        assertThat(limiter.acquire(key)).isZero();
    }

    @Test
    void aSlowKeyWaitsSecondsAndAnUnlimitedKeyNever() {
        KeyGrant slow = key(0.5);
        assertThat(limiter.acquire(slow)).isZero();
        assertThat(limiter.acquire(slow)).isEqualTo(Duration.ofSeconds(2));
        for (int i = 0; i < 1000; i++) {
            assertThat(limiter.acquire(key(0))).isZero();
        }
    }
}
