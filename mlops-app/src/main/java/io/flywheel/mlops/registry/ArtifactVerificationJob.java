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
 * run over the same models was interrupted. Fails, naming them, when any artifact differs from its hash.
 */
@ApplicationScoped
public class ArtifactVerificationJob implements Job {

    static final String NAME = "registry-verify";
    static final String RATE = "max-bytes-per-second";
    static final String MODEL = "model";
    private static final String ALL_MODELS = "*";
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
        return Map.of(RATE, "reading rate limit, bytes per second (default flywheel.registry.verify-rate)",
                MODEL, "check only this model's versions (default: every model)");
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
        String scope = context.parameters().getOrDefault(MODEL, ALL_MODELS);
        List<RegistryQueries.StoredVersion> versions = context.await(queries::storedVersions).stream()
                .filter(version -> ALL_MODELS.equals(scope) || version.model().equals(scope)).toList();
        if (versions.isEmpty() && !ALL_MODELS.equals(scope)) {
            context.await(() -> queries.model(scope)); // fails the run, naming it, when there is no such model
        }
        Pass pass = Pass.resumed(context.resumeFrom().orElse(null), scope);
        long started = System.nanoTime();
        for (RegistryQueries.StoredVersion version : versions) {
            if (pass.done(version)) {
                continue;
            }
            if (context.stopping()) {
                throw new InterruptedException("stopped after " + pass.checked + " artifacts: the app is shutting down");
            }
            byte[] stored = context.await(() -> registry.artifact(version.model(), version.version())).bytes();
            pass.checked(version, stored.length, Sha256.hex(stored).equals(version.sha256()));
            context.checkpoint(pass.checkpoint(scope, false));
            context.progress(Map.of("checked", pass.checked, "versions", versions.size(), "bytes", pass.bytes));
            throttle(pass.bytes, rate, started);
        }
        // a finished pass is not resumed, whatever its verdict
        context.checkpoint(pass.checkpoint(scope, true));
        if (!pass.mismatches.isEmpty()) {
            throw new IllegalStateException(pass.mismatches.size() + " artifact(s) differ from their recorded sha256: "
                    + String.join(", ", pass.mismatches));
        }
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("checked", pass.checked);
        outputs.put("versions", versions.size());
        outputs.put("bytes", pass.bytes);
        outputs.put("resumed_after", pass.after == null ? null : pass.after.model() + " v" + pass.after.version());
        return outputs;
    }

    /** Where a pass is: the version it resumed after, what it checked since, and what differed. */
    private static final class Pass {

        private final RegistryQueries.StoredVersion after;
        private final List<String> mismatches = new ArrayList<>();
        private RegistryQueries.StoredVersion last;
        private int checked;
        private long bytes;

        private Pass(RegistryQueries.StoredVersion after) {
            this.after = after;
            this.last = after;
        }

        /** Goes on from an interrupted pass over the same models, else starts over. */
        static Pass resumed(JsonNode checkpoint, String scope) {
            if (checkpoint == null || checkpoint.path("complete").asBoolean(true)
                    || !scope.equals(checkpoint.path("scope").asText())) {
                return new Pass(null);
            }
            Pass pass = new Pass(new RegistryQueries.StoredVersion(checkpoint.path("model").asText(),
                    checkpoint.path("version").asInt(), "", 0));
            checkpoint.path("mismatches").forEach(mismatch -> pass.mismatches.add(mismatch.asText()));
            return pass;
        }

        boolean done(RegistryQueries.StoredVersion version) {
            return after != null && ORDER.compare(version, after) <= 0;
        }

        void checked(RegistryQueries.StoredVersion version, long size, boolean matches) {
            if (!matches) {
                mismatches.add(version.model() + " v" + version.version());
            }
            last = version;
            bytes += size;
            checked++;
        }

        Map<String, Object> checkpoint(String scope, boolean complete) {
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("scope", scope);
            state.put("complete", complete);
            if (last != null) {
                state.put("model", last.model());
                state.put("version", last.version());
            }
            state.put("mismatches", List.copyOf(mismatches));
            return state;
        }
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
