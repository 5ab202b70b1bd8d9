package io.flywheel.mlops;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls until a condition holds, with a generous deadline: the build machine is slow and shared. */
public final class Eventually {

    private static final Duration POLL = Duration.ofMillis(200);

    private Eventually() {
    }

    /** The first value that satisfies the condition, or an {@link AssertionError} naming the last one seen. */
    public static <T> T until(Supplier<T> probe, Predicate<T> condition, Duration within, String what) {
        Instant deadline = Instant.now().plus(within);
        T last = null;
        while (Instant.now().isBefore(deadline)) {
            last = probe.get();
            if (condition.test(last)) {
                return last;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
        throw new AssertionError(what + " did not happen within " + within + "; last seen: " + last);
    }
}
