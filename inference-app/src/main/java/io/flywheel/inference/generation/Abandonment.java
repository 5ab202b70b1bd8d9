package io.flywheel.inference.generation;

import java.util.ArrayList;
import java.util.List;

/**
 * Tells the provider calls made for one answer that nobody waits for it any more (the client hung up), so that they
 * stop: the provider stops generating — and charging — and the connection, the bulkhead slot and the retries and
 * fallbacks that would follow are not spent on it. The fault-tolerance layer does not pass a cancellation on to the
 * call it guards, so the signal travels with the {@link GenerationRequest} instead.
 */
public final class Abandonment {

    /** The kind of {@link ProviderRejected} a call ends with once its answer is abandoned. */
    static final String KIND = "abandoned";

    private final List<Runnable> stops = new ArrayList<>(2);
    private boolean abandoned;

    /** Stops every call registered so far, and every call registered later, at once. */
    public void abandon() {
        List<Runnable> toRun;
        synchronized (this) {
            if (abandoned) {
                return;
            }
            abandoned = true;
            toRun = List.copyOf(stops);
            stops.clear();
        }
        toRun.forEach(Runnable::run);
    }

    public synchronized boolean abandoned() {
        return abandoned;
    }

    /**
     * Registers how to stop a call in flight; runs it at once if the answer is abandoned already. A request makes a
     * handful of calls (its retries and its fallback), so the list stays small.
     */
    void onAbandon(Runnable stop) {
        synchronized (this) {
            if (!abandoned) {
                stops.add(stop);
                return;
            }
        }
        stop.run();
    }

    /** The failure a call ends with when its answer was abandoned: not retried, no fallback. */
    static ProviderRejected failure(String provider) {
        return new ProviderRejected(KIND, "the call to '" + provider + "' was stopped: the client hung up", null);
    }
}
