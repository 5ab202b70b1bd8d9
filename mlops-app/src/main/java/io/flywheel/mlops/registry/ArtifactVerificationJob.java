package io.flywheel.mlops.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.flywheel.mlops.jobs.Job;
import io.flywheel.mlops.jobs.JobContext;
import io.flywheel.shared.hashing.Sha256;
import io.flywheel.shared.problem.Problem.FieldError;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code registry-verify}: reads every stored artifact back and checks it against the sha256 recorded when it was
 * registered — after a restore from backup, or to catch storage corruption before a pod refuses to load a version.
 * Reads at a bounded rate, checkpoints after each version and resumes after the last one checked when the previous
 * run did not finish. Fails, naming them, when any artifact differs from its hash.
 */
@ApplicationScoped
public class ArtifactVerificationJob implements Job {

    static final String NAME = "registry-verify";
    static final String RATE = "max-bytes-per-second";
    private static final Comparator<RegistryQueries.StoredVersion> ORDER = Comparator
            .comparing(RegistryQueries.StoredVersion::model).thenComparingInt(RegistryQueries.StoredVersion::version);

    private final RegistryQueries queries;
    private final RegistryService registry;
    private final RegistryConfig config;

    ArtifactVerificationJob(RegistryQueries queries, RegistryService registry, RegistryConfig config) {
        this.queries = queries;
        this.registry = registry;
        this.config = config;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "read every stored artifact back and check it against its recorded sha256";
    }

    @Override
    public Map<String, String> parameters() {
        return Map.of(RATE, "reading rate limit, bytes per second (default flywheel.registry.verify-rate)");
    }

    @Override
    public List<FieldError> validate(Map<String, String> parameters) {
        String rate = parameters.get(RATE);
        if (rate != null && !rate.matches("[1-9][0-9]{0,17}")) {
            return List.of(new FieldError("parameters." + RATE, "must be a whole number of bytes per second, 1 or more"));
        }
        return List.of();
    }

    @Override
    public Map<String, Object> run(JobContext context) throws InterruptedException {
        long rate = context.parameters().containsKey(RATE) ? Long.parseLong(context.parameters().get(RATE))
                : config.verifyRate().asLongValue();
        List<RegistryQueries.StoredVersion> versions = context.await(queries::storedVersions);
        JsonNode resume = context.resumeFrom().orElse(null);
        RegistryQueries.StoredVersion after = resume == null ? null : new RegistryQueries.StoredVersion(
                resume.path("model").asText(), resume.path("version").asInt(), "", 0);
        List<String> mismatches = new ArrayList<>();
        if (resume != null) {
            resume.path("mismatches").forEach(mismatch -> mismatches.add(mismatch.asText()));
        }
        long started = System.nanoTime();
        long bytes = 0;
        int checked = 0;
        for (RegistryQueries.StoredVersion version : versions) {
            if (after != null && ORDER.compare(version, after) <= 0) {
                continue;
            }
            if (context.stopping()) {
                throw new InterruptedException("stopped after " + checked + " artifacts: the app is shutting down");
            }
            byte[] stored = context.await(() -> registry.artifact(version.model(), version.version())).bytes();
            if (!Sha256.hex(stored).equals(version.sha256())) {
                mismatches.add(version.model() + " v" + version.version());
            }
            bytes += stored.length;
            checked++;
            context.checkpoint(checkpoint(version, mismatches));
            context.progress(Map.of("checked", checked, "versions", versions.size(), "bytes", bytes));
            throttle(bytes, rate, started);
        }
        if (!mismatches.isEmpty()) {
            throw new IllegalStateException(mismatches.size() + " artifact(s) differ from their recorded sha256: "
                    + String.join(", ", mismatches));
        }
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("checked", checked);
        outputs.put("versions", versions.size());
        outputs.put("bytes", bytes);
        outputs.put("resumed_after", after == null ? null : after.model() + " v" + after.version());
        return outputs;
    }

    private static Map<String, Object> checkpoint(RegistryQueries.StoredVersion version, List<String> mismatches) {
        return Map.of("model", version.model(), "version", version.version(), "mismatches", List.copyOf(mismatches));
    }

    /** Sleeps as long as reading {@code bytes} since {@code started} was faster than {@code rate}. */
    private static void throttle(long bytes, long rate, long started) throws InterruptedException {
        long dueNanos = (long) (bytes * 1e9 / rate);
        long aheadMillis = (dueNanos - (System.nanoTime() - started)) / 1_000_000;
        if (aheadMillis > 0) {
            Thread.sleep(aheadMillis);
        }
    }
}
