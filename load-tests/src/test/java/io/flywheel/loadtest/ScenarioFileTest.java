package io.flywheel.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scenario file the k6 scripts and the runner share is complete and judgeable. */
class ScenarioFileTest {

    static final Path FILE = Path.of(System.getProperty("flywheel.root", "..")).resolve("load-tests/k6/scenarios.json");

    @Test
    void hasTheFiveK6ProfilesAndTheCiLoadEachOnlyWithExecutorsAndThresholdsTheRunnerUnderstands() {
        ScenarioFile file = ScenarioFile.read(FILE);

        assertThat(file.profiles()).containsKeys("smoke", "load", "stress", "spike", "soak", "ci-load");
        file.profiles().forEach((name, profile) -> {
            assertThat(Threshold.parseAll(file.thresholdsOf(profile))).as(name).isNotEmpty();
            profile.scenarios().values().forEach(scenario -> {
                assertThat(file.requests()).as(name).containsKey(scenario.request());
                assertThat(scenario.schedule().endNanos()).as(name).isPositive();
            });
        });
    }

    @Test
    void everyPathIsLoadedAndTheThresholdsMirrorTheSpecTargets() {
        ScenarioFile file = ScenarioFile.read(FILE);

        for (String profile : List.of("smoke", "ci-load", "load", "soak")) {
            assertThat(file.profile(profile).scenarios()).as(profile).containsKeys("infer", "chat", "feedback");
        }
        assertThat(file.thresholds()).containsEntry("http_req_failed", List.of("rate<0.01"))
                .containsEntry("http_req_duration{scenario:infer}", List.of("p(95)<3", "p(99)<5"));
        assertThat(file.profile("load").scenarios().get("infer").executor()).isEqualTo("ramping-arrival-rate");
    }
}
