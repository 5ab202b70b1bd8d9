package io.flywheel.mlops.jobs;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Cluster-wide mutual exclusion of job runs with PostgreSQL session-level advisory locks. Each lock lives on a
 * connection of its own, opened for the run and closed after it: if the process dies, PostgreSQL ends the session and
 * the lock is free at once, whatever state the process was in; a lock can never be left behind in a pooled session.
 * The key is {@code (namespace, first four bytes of sha256(job name))}, so it is the same in every pod and version.
 */
@ApplicationScoped
public class JobLocks {

    /** "flyw": keeps Flywheel's advisory locks apart from any other user of the database. */
    static final int NAMESPACE = 0x666C7977;
    private static final String VERTX_PREFIX = "vertx-reactive:";

    private final Vertx vertx;
    private final JobsConfig config;
    private final PgConnectOptions options;

    JobLocks(Vertx vertx, JobsConfig config,
             @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
             @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
             @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.vertx = vertx;
        this.config = config;
        this.options = PgConnectOptions.fromUri(url.startsWith(VERTX_PREFIX) ? url.substring(VERTX_PREFIX.length()) : url)
                .setConnectTimeout((int) config.lockTimeout().toMillis())
                .setTcpKeepAlive(true);
        user.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
        options.addProperty("application_name", "flywheel-job-lock");
    }

    /** Takes the job's lock; empty when another session holds it. */
    public Uni<Optional<JobLock>> tryLock(String job) {
        return PgConnection.connect(vertx, options).chain(connection -> connection
                .preparedQuery("SELECT pg_try_advisory_lock($1, $2)").execute(Tuple.of(NAMESPACE, key(job)))
                .map(rows -> rows.iterator().next().getBoolean(0))
                .chain(taken -> taken ? Uni.createFrom().item(Optional.of(new JobLock(job, connection)))
                        : connection.close().replaceWith(Optional.<JobLock>empty()))
                .onFailure().call(connection::close))
                .ifNoItem().after(config.lockTimeout()).failWith(() -> new IllegalStateException(
                        "the lock of job " + job + " could not be taken within " + config.lockTimeout()));
    }

    /** The second half of the lock key of a job. */
    static int key(String job) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(job.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getInt();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
