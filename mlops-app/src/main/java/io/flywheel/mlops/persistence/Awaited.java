package io.flywheel.mlops.persistence;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;

/**
 * Runs reactive persistence from a worker thread (an upload being streamed, a training job) and waits for it.
 * Hibernate Reactive must run on a Vert.x context; {@link VertxContextSupport} gives it one and blocks only the
 * calling worker thread, never an event loop.
 */
public final class Awaited {

    private Awaited() {
    }

    /** The item of the Uni the supplier makes, waited for on this (worker) thread; its failure rethrown as is. */
    public static <T> T result(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
