package io.flywheel.inference.access;

import io.flywheel.shared.access.KeyGrant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per key and pod: {@code requests_per_second} tokens a second, up to a burst of
 * {@code rate × burst-seconds}. A refused request learns how long until a token is back ({@code Retry-After}).
 * Memory is bounded by the number of keys.
 */
@ApplicationScoped
public class RateLimiter {

    private static final double NANOS = 1_000_000_000.0;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final double burstSeconds;
    private final LongSupplier clock;

    @Inject
    public RateLimiter(AccessSettings settings) {
        this(settings.burstSeconds(), System::nanoTime);
    }

    RateLimiter(double burstSeconds, LongSupplier clock) {
        this.burstSeconds = burstSeconds;
        this.clock = clock;
    }

    /** {@link Duration#ZERO} when the request may go, else how long until it could. */
    public Duration acquire(KeyGrant key) {
        if (key.requestsPerSecond() <= 0) {
            return Duration.ZERO;
        }
        Bucket bucket = buckets.computeIfAbsent(key.id(), id -> new Bucket(clock.getAsLong()));
        return bucket.take(key.requestsPerSecond(), Math.max(1, key.requestsPerSecond() * burstSeconds),
                clock.getAsLong());
    }

    private static final class Bucket {
        private double tokens = -1;
        private long last;

        Bucket(long now) {
            this.last = now;
        }

        synchronized Duration take(double rate, double capacity, long now) {
            tokens = tokens < 0 ? capacity : Math.min(capacity, tokens + (now - last) / NANOS * rate);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return Duration.ZERO;
            }
            return Duration.ofNanos((long) Math.ceil((1 - tokens) / rate * NANOS));
        }
    }
}
