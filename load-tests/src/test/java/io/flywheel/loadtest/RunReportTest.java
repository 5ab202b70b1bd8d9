package io.flywheel.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunReportTest {

    private static RunReport report(long latencyMillis, boolean failed) {
        Measurements measured = new Measurements();
        for (int i = 0; i < 100; i++) {
            measured.request(latencyMillis * 1_000_000L, failed && i == 0, true);
        }
        return RunReport.judge("smoke", Map.of("infer", measured.snapshot(1)), List.of(
                Threshold.parse("http_req_failed", "rate<0.01"),
                Threshold.parse("http_req_duration{scenario:infer}", "p(99)<5"),
                Threshold.parse("http_req_duration{scenario:infer}", "p(99)<500")));
    }

    @Test
    void aLatencyBoundAtOrBelowTheRunnersOwnFloorIsReportedButNotJudged() {
        RunReport slow = report(20, false);

        assertThat(slow.passed()).isFalse();
        assertThat(slow.passedAtResolution(12)).isTrue();
        assertThat(slow.belowResolution(12)).containsExactly("http_req_duration{scenario:infer} p(99)<5");
        assertThat(slow.passedAtResolution(2)).as("a floor below the bound judges it").isFalse();
    }

    @Test
    void errorsAndBoundsAboveTheFloorAreAlwaysJudged() {
        assertThat(report(20, true).passedAtResolution(1_000)).isFalse();
        assertThat(report(600, false).passedAtResolution(12)).isFalse();
        assertThat(report(20, false).latencyMillis("infer", 99)).isBetween(19.9, 20.1);
    }

    @Test
    void aScenarioJudgedAloneCountsOnlyItsOwnErrors() {
        Measurements chat = new Measurements();
        Measurements infer = new Measurements();
        for (int i = 0; i < 1_000; i++) {
            infer.request(1_000_000L, false, true);
        }
        for (int i = 0; i < 10; i++) {
            chat.request(1_000_000L, i == 0, true);
        }
        RunReport both = RunReport.judge("smoke", Map.of("infer", infer.snapshot(1), "chat", chat.snapshot(1)),
                List.of(Threshold.parse("http_req_failed", "rate<0.01"),
                        Threshold.parse("http_req_duration{scenario:infer}", "p(99)<5")));

        assertThat(both.passed()).as("1 failure in 1,010 requests").isTrue();
        assertThat(both.only(List.of("chat")).passed()).as("1 failure in chat's 10").isFalse();
        assertThat(both.only(List.of("chat")).latencyBounds("infer")).as("infer's bound is not chat's").isEmpty();
        assertThat(both.only(List.of("infer")).passed()).isTrue();
    }
}
