package io.flywheel.inference.access;

import io.flywheel.shared.access.KeyGrant;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Daily token budgets that hold across pods and restarts. Consumption is counted in PostgreSQL
 * ({@code inference.token_usage}, one row per key and UTC day) in <em>leases</em>: a pod takes {@code lease-tokens}
 * at once with one atomic, capped update, then spends them locally, so the request path waits on the database once
 * per lease, not once per request. A request reserves its worst case (prompt + {@code max_tokens}) before generation
 * and gives back what it did not use. The budget is never exceeded while the database answers; each pod may hold up
 * to one lease unused (given back on shutdown). When the database is away a pod may spend one provisional lease per
 * key, written back as soon as the database answers again; after that the key gets a 503.
 */
@ApplicationScoped
public class TokenBudget {

    private static final Logger LOG = Logger.getLogger(TokenBudget.class);

    static final String ENSURE_ROW = "INSERT INTO inference.token_usage (key_id, day, used) VALUES ($1, $2, 0) "
            + "ON CONFLICT (key_id, day) DO NOTHING";
    // the sub-select locks the row, so "before" and the update see the same version even with other pods racing
    static final String TAKE_LEASE = "UPDATE inference.token_usage u SET used = LEAST(u.used + $3, $4), "
            + "updated_at = now() FROM (SELECT used FROM inference.token_usage WHERE key_id = $1 AND day = $2 "
            + "FOR UPDATE) before WHERE u.key_id = $1 AND u.day = $2 RETURNING u.used - before.used AS granted, u.used";
    static final String GIVE_BACK = "UPDATE inference.token_usage SET used = GREATEST(used - $3, 0), updated_at = now() "
            + "WHERE key_id = $1 AND day = $2";

    private final Pool pool;
    private final AccessSettings settings;
    private final Clock clock;
    private final Map<String, Lease> leases = new ConcurrentHashMap<>();
    private final Map<String, AtomicReference<Double>> usedRatios = new ConcurrentHashMap<>();
    private final MeterRegistry registry;

    @Inject
    public TokenBudget(Pool pool, AccessSettings settings, MeterRegistry registry) {
        this(pool, settings, Clock.systemUTC(), registry);
    }

    /** A budget component of its own, e.g. to stand for a second pod in a test. */
    public TokenBudget(Pool pool, AccessSettings settings, Clock clock, MeterRegistry registry) {
        this.pool = pool;
        this.settings = settings;
        this.clock = clock;
        this.registry = registry;
    }

    /** Tokens reserved for one request, to be settled with {@link #settle} once the real usage is known. */
    public record Reservation(String keyId, LocalDate day, long tokens) {
        static final Reservation NONE = new Reservation(null, null, 0);
    }

    /**
     * Reserves the request's worst case; blocking (it may wait for a lease), so call it off the event loop.
     *
     * @throws ProblemException 429 with the time until the budget resets, or 503 when it cannot be verified
     */
    public Reservation reserve(KeyGrant key, long tokens) {
        if (key.dailyTokenBudget() <= 0) {
            return Reservation.NONE;
        }
        LocalDate today = LocalDate.now(clock);
        Lease lease = leases.compute(key.id(), (id, current) -> current == null || !current.day.equals(today)
                ? new Lease(today) : current);
        synchronized (lease) {
            if (lease.available < tokens) {
                refill(key, lease, tokens - lease.available);
            }
            if (lease.available < tokens) {
                throw exhausted(key, tokens, lease);
            }
            lease.available -= tokens;
            return new Reservation(key.id(), today, tokens);
        }
    }

    /**
     * {@link #reserve} for callers on the event loop: a key without a budget reserves nothing, in place; a budgeted
     * key reserves on a worker thread, as its lease may have to be refilled from the database.
     */
    public Uni<Reservation> reserveAsync(KeyGrant key, long tokens) {
        if (key.dailyTokenBudget() <= 0) {
            return Uni.createFrom().item(Reservation.NONE);
        }
        return Uni.createFrom().item(() -> reserve(key, tokens))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** Gives back what the request reserved but did not use (or takes what it used beyond). */
    public void settle(Reservation reservation, long used) {
        if (reservation.keyId() == null) {
            return;
        }
        Lease lease = leases.get(reservation.keyId());
        if (lease != null && lease.day.equals(reservation.day())) {
            synchronized (lease) {
                lease.available += reservation.tokens() - used;
            }
        }
    }

    /** The tokens counted for the key today in the database (all pods), for tests and the dashboard. */
    public long usedToday(String keyId) {
        Row row = pool.preparedQuery("SELECT used FROM inference.token_usage WHERE key_id = $1 AND day = $2")
                .execute(Tuple.of(keyId, LocalDate.now(clock))).await().atMost(settings.leaseTimeout())
                .iterator().next();
        return row.getLong("used");
    }

    private void refill(KeyGrant key, Lease lease, long missing) {
        long wanted = Math.max(settings.leaseTokens(), missing) + lease.debt;
        try {
            Row row = pool.withTransaction(connection -> connection.preparedQuery(ENSURE_ROW)
                            .execute(Tuple.of(key.id(), lease.day))
                            .chain(() -> connection.preparedQuery(TAKE_LEASE)
                                    .execute(Tuple.of(key.id(), lease.day, wanted, key.dailyTokenBudget()))))
                    .await().atMost(settings.leaseTimeout())
                    .iterator().next();
            long granted = row.getLong("granted") - lease.debt;
            usedRatio(key).set((double) row.getLong("used") / key.dailyTokenBudget());
            lease.debt = 0;
            lease.available += granted;
        } catch (RuntimeException databaseAway) {
            provisional(key, lease, databaseAway);
        }
    }

    /**
     * The share of the key's daily budget taken across all pods at this pod's last lease (leased tokens count as
     * used, so it is an upper bound), as {@code flywheel_llm_budget_used_ratio{api_key}}.
     */
    private AtomicReference<Double> usedRatio(KeyGrant key) {
        return usedRatios.computeIfAbsent(key.name(), name -> {
            AtomicReference<Double> ratio = new AtomicReference<>(0.0);
            Gauge.builder("flywheel.llm.budget.used.ratio", ratio, AtomicReference::get)
                    .description("Share of the API key's daily token budget used (all pods), at this pod's last lease")
                    .tag("api_key", name).register(registry);
            return ratio;
        });
    }

    private void provisional(KeyGrant key, Lease lease, RuntimeException cause) {
        if (lease.debt > 0) {
            throw new ProblemException(ProblemType.UNAVAILABLE, "the daily token budget of key '" + key.name()
                    + "' cannot be verified right now; retry shortly");
        }
        LOG.warnf("token budget store unreachable (%s); key '%s' spends a provisional lease of %d tokens",
                cause.getMessage(), key.name(), settings.leaseTokens());
        lease.debt = settings.leaseTokens();
        lease.available += settings.leaseTokens();
    }

    private ProblemException exhausted(KeyGrant key, long tokens, Lease lease) {
        long untilMidnight = Duration.between(clock.instant(),
                lease.day.plusDays(1).atTime(LocalTime.MIDNIGHT).toInstant(ZoneOffset.UTC)).toSeconds() + 1;
        return new ProblemException(ProblemType.RATE_LIMITED, "the daily token budget of key '" + key.name() + "' ("
                + key.dailyTokenBudget() + " tokens) does not cover this request (" + tokens + " tokens reserved: "
                + "prompt + max_tokens); it resets at 00:00 UTC").withRetryAfter(Duration.ofSeconds(untilMidnight));
    }

    /** Unused leases go back to the budget, so that a rolling restart does not eat into it. */
    void giveBackOnShutdown(@Observes ShutdownEvent shutdown) {
        leases.forEach((keyId, lease) -> {
            synchronized (lease) {
                if (lease.available > 0 && lease.debt == 0) {
                    try {
                        pool.preparedQuery(GIVE_BACK).execute(Tuple.of(keyId, lease.day, lease.available))
                                .await().atMost(settings.leaseTimeout());
                    } catch (RuntimeException e) {
                        LOG.debugf("could not give back %d tokens of key %s: %s", lease.available, keyId, e.getMessage());
                    }
                }
            }
        });
    }

    private static final class Lease {
        private final LocalDate day;
        private long available;
        private long debt;

        Lease(LocalDate day) {
            this.day = day;
        }
    }
}
