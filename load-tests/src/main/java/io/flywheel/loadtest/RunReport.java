package io.flywheel.loadtest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The measurements of a run judged against the profile's thresholds, printed the way k6 prints its summary. */
public record RunReport(String profile, Map<String, Measurements.Snapshot> scenarios, List<Verdict> verdicts) {

    /** One threshold's outcome; {@code value} is what was measured (NaN: no data). */
    record Verdict(Threshold threshold, double value, boolean passed) {
    }

    static RunReport judge(String profile, Map<String, Measurements.Snapshot> scenarios, List<Threshold> thresholds) {
        double elapsed = scenarios.values().stream().mapToDouble(Measurements.Snapshot::elapsedSeconds).max().orElse(1);
        Measurements.Snapshot all = Measurements.Snapshot.merge(scenarios.values(), elapsed);
        List<Verdict> verdicts = new ArrayList<>();
        for (Threshold threshold : thresholds) {
            Optional<Measurements.Snapshot> sample = threshold.scenario().isEmpty() ? Optional.of(all)
                    : Optional.ofNullable(scenarios.get(threshold.scenario().get()));
            // a threshold on a scenario this run did not include is not judged (k6 behaves the same)
            sample.ifPresent(s -> verdicts.add(new Verdict(threshold, threshold.measure(s), threshold.holds(s))));
        }
        return new RunReport(profile, scenarios, List.copyOf(verdicts));
    }

    /**
     * This run judged on some of its scenarios alone, as if the others had not run: the thresholds without a scenario
     * tag (errors, checks) then count only these scenarios' requests, so a busy neighbour cannot dilute them.
     */
    public RunReport only(Collection<String> names) {
        Map<String, Measurements.Snapshot> kept = new LinkedHashMap<>();
        scenarios.forEach((name, sample) -> {
            if (names.contains(name)) {
                kept.put(name, sample);
            }
        });
        return judge(profile, kept, verdicts.stream().map(Verdict::threshold).toList());
    }

    public boolean passed() {
        return verdicts.stream().allMatch(Verdict::passed);
    }

    /**
     * Whether every threshold passed that an instrument with this latency floor can judge: a latency bound at or
     * below what the runner measures for a request that costs the server nothing is below its resolution on this
     * machine, so it is reported but not judged. Errors and checks are always judged.
     */
    public boolean passedAtResolution(double floorMillis) {
        return verdicts.stream().allMatch(verdict -> verdict.passed() || belowResolution(verdict, floorMillis));
    }

    /** The latency thresholds {@link #passedAtResolution} leaves unjudged at this floor. */
    public List<String> belowResolution(double floorMillis) {
        return verdicts.stream().filter(verdict -> belowResolution(verdict, floorMillis))
                .map(verdict -> verdict.threshold().source()).toList();
    }

    /** A latency percentile of a scenario of this run, in milliseconds (NaN when it did not run). */
    public double latencyMillis(String scenario, double percentile) {
        Measurements.Snapshot sample = scenarios.get(scenario);
        return sample == null ? Double.NaN : sample.latencyMillis(percentile);
    }

    private static boolean belowResolution(Verdict verdict, double floorMillis) {
        return verdict.threshold().metric().equals("http_req_duration") && verdict.threshold().bound() <= floorMillis;
    }

    /** A latency percentile bound of a scenario, e.g. {@code p(99)<5}: percentile 99, 5 ms. */
    public record LatencyBound(double percentile, double boundMillis, String source) {
    }

    /** The percentile bounds on a scenario's latency that this run judged. */
    public List<LatencyBound> latencyBounds(String scenario) {
        return verdicts.stream().map(Verdict::threshold)
                .filter(t -> t.metric().equals("http_req_duration") && t.aggregation().startsWith("p(")
                        && t.scenario().filter(scenario::equals).isPresent() && t.operator().startsWith("<"))
                .map(t -> new LatencyBound(Double.parseDouble(t.aggregation().substring(2,
                        t.aggregation().length() - 1)), t.bound(), t.source()))
                .toList();
    }

    /** How many HTTP requests a scenario of this run sent (0 when it did not run). */
    public long requests(String scenario) {
        Measurements.Snapshot sample = scenarios.get(scenario);
        return sample == null ? 0 : sample.requests();
    }

    public String summary() {
        StringBuilder text = new StringBuilder("profile ").append(profile).append('\n');
        scenarios.forEach((name, sample) -> text.append(String.format("  scenario %-9s %s%n", name, sample.describe())));
        text.append("  thresholds\n");
        for (Verdict verdict : verdicts) {
            text.append(String.format("    %s %-45s measured %s%n", verdict.passed() ? "✓" : "✗",
                    verdict.threshold().source(), Double.isNaN(verdict.value()) ? "no data" : String.format("%.4f", verdict.value())));
        }
        return text.toString();
    }
}
