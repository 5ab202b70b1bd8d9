package io.flywheel.mlops.jobs;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/** A held job lock: the open connection whose session holds the advisory lock. Release it exactly once. */
public final class JobLock {

    private static final Logger LOG = Logger.getLogger(JobLock.class);

    private final String job;
    private final PgConnection connection;
    private final AtomicBoolean released = new AtomicBoolean();

    JobLock(String job, PgConnection connection) {
        this.job = job;
        this.connection = connection;
        connection.closeHandler(() -> {
            if (!released.get()) {
                LOG.errorf("the connection holding the lock of job %s was lost; another process may start the job "
                        + "while this run goes on", job);
            }
        });
    }

    public String job() {
        return job;
    }

    /** Unlocks and closes the connection; closing alone would free the lock too, so a failed unlock is harmless. */
    public Uni<Void> release() {
        if (!released.compareAndSet(false, true)) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery("SELECT pg_advisory_unlock($1, $2)")
                .execute(Tuple.of(JobLocks.NAMESPACE, JobLocks.key(job))).replaceWithVoid()
                .onFailure().recoverWithNull()
                .eventually(connection::close);
    }
}
