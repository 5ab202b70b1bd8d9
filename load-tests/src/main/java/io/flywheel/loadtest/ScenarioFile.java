package io.flywheel.loadtest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * load-tests/k6/scenarios.json: the requests, profiles (smoke, load, ...) and thresholds shared by the k6 scripts and
 * this runner. Field names are k6's.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ScenarioFile(Map<String, String> variables, Map<String, RequestSpec> requests,
                    Map<String, List<String>> thresholds, Map<String, Profile> profiles) {

    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    static ScenarioFile read(Path file) {
        try {
            return JSON.readValue(file.toFile(), ScenarioFile.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the scenario file " + file, e);
        }
    }

    Profile profile(String name) {
        Profile profile = profiles.get(name);
        if (profile == null) {
            throw new IllegalArgumentException("no profile '" + name + "' in the scenario file; there are " + profiles.keySet());
        }
        return profile;
    }

    /** The thresholds of a profile: its own if it has any, else the file's. */
    Map<String, List<String>> thresholdsOf(Profile profile) {
        return profile.thresholds() == null || profile.thresholds().isEmpty() ? thresholds : profile.thresholds();
    }

    /** One HTTP request; {@code before} names a request whose answer provides the {@code capture}d variables. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record RequestSpec(String method, String path, JsonNode body, String before, Map<String, String> capture,
                       Check check) {

        Map<String, String> captures() {
            return capture == null ? Map.of() : capture;
        }
    }

    /** What a good answer looks like: the status, and optionally a top-level JSON field it must have. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Check(int status, String field) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Profile(String description, Map<String, List<String>> thresholds, LinkedHashMap<String, Scenario> scenarios) {
    }

    /** A k6 scenario with an arrival-rate executor (constant-arrival-rate or ramping-arrival-rate). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Scenario(String request, String executor, Double rate, String timeUnit, String duration, Double startRate,
                    List<Stage> stages, String startTime, Integer preAllocatedVUs, Integer maxVUs) {

        ArrivalSchedule schedule() {
            double perSecond = 1e9 / K6Duration.parse(timeUnit == null ? "1s" : timeUnit).toNanos();
            long start = K6Duration.parse(startTime).toNanos();
            return switch (executor) {
                case "constant-arrival-rate" -> ArrivalSchedule.constant(start, rate * perSecond,
                        K6Duration.parse(duration).toNanos());
                case "ramping-arrival-rate" -> {
                    ArrivalSchedule.Builder builder = ArrivalSchedule.startingAt(start,
                            (startRate == null ? 0 : startRate) * perSecond);
                    stages.forEach(stage -> builder.rampTo(stage.target() * perSecond,
                            K6Duration.parse(stage.duration()).toNanos()));
                    yield builder.build();
                }
                default -> throw new IllegalArgumentException("executor '" + executor
                        + "' is not an arrival-rate executor (the runner drives an open model only)");
            };
        }

        /** The bound on requests in flight: k6's maxVUs. */
        int inFlightLimit() {
            return maxVUs != null ? maxVUs : preAllocatedVUs != null ? preAllocatedVUs : 1;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Stage(String duration, double target) {
    }
}
