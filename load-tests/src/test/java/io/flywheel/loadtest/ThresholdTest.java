package io.flywheel.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ThresholdTest {

    @Test
    void latencyPercentilesAreJudgedInMilliseconds() {
        Measurements measured = new Measurements();
        for (int i = 1; i <= 100; i++) {
            measured.request(i * 1_000_000L, false, true); // 1 .. 100 ms
        }
        Measurements.Snapshot sample = measured.snapshot(1);

        assertThat(Threshold.parse("http_req_duration", "p(99)<100").holds(sample)).isTrue();
        assertThat(Threshold.parse("http_req_duration", "p(99)<98").holds(sample)).isFalse();
        assertThat(Threshold.parse("http_req_duration", "med<51").holds(sample)).isTrue();
        assertThat(Threshold.parse("http_req_duration{scenario:infer}", "p(95)<96").scenario()).contains("infer");
    }

    @Test
    void ratesAndCountsAreJudgedLikeK6() {
        Measurements measured = new Measurements();
        for (int i = 0; i < 99; i++) {
            measured.request(1_000_000, false, true);
        }
        measured.request(1_000_000, true, false);
        measured.dropped(3);
        Measurements.Snapshot sample = measured.snapshot(2);

        assertThat(Threshold.parse("http_req_failed", "rate<0.01").holds(sample)).isFalse();
        assertThat(Threshold.parse("http_req_failed", "rate<=0.01").holds(sample)).isTrue();
        assertThat(Threshold.parse("checks", "rate>0.98").holds(sample)).isTrue();
        assertThat(Threshold.parse("http_reqs", "rate>=50").holds(sample)).isTrue();
        assertThat(Threshold.parse("dropped_iterations", "count<1").holds(sample)).isFalse();
    }

    @Test
    void aMetricWithoutDataDoesNotPass() {
        Measurements.Snapshot empty = new Measurements().snapshot(1);
        assertThat(Threshold.parse("http_req_duration", "p(99)<5").holds(empty)).isFalse();
        assertThat(Threshold.parse("http_req_failed", "rate<0.01").holds(empty)).isFalse();
    }

    @Test
    void expressionsTheRunnerCannotJudgeAreRejectedUpFront() {
        assertThatThrownBy(() -> Threshold.parse("vus_max", "value<10")).hasMessageContaining("unsupported");
        assertThatThrownBy(() -> Threshold.parse("grpc_req_duration", "p(95)<10")).hasMessageContaining("does not measure");
        assertThatThrownBy(() -> Threshold.parse("http_req_failed", "p(95)<10")).hasMessageContaining("does not apply");
        assertThatThrownBy(() -> Threshold.parse("http_req_duration{method:GET}", "p(95)<10"))
                .hasMessageContaining("{scenario:name}");
    }
}
