package io.flywheel.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServedLatencyTest {

    private static String metrics(int v1Within3, int v1Within5, int v1Count, int otherModelCount) {
        return """
                # TYPE flywheel_inference_latency_seconds histogram
                flywheel_inference_latency_seconds_bucket{model="lending-club",version="1",le="0.003"} %d
                flywheel_inference_latency_seconds_bucket{model="lending-club",version="1",le="0.005"} %d
                flywheel_inference_latency_seconds_bucket{model="lending-club",version="1",le="+Inf"} %d
                flywheel_inference_latency_seconds_count{model="lending-club",version="1"} %d
                flywheel_inference_latency_seconds_bucket{model="lending-club",version="2",le="0.003"} 10
                flywheel_inference_latency_seconds_bucket{model="lending-club",version="2",le="0.005"} 10
                flywheel_inference_latency_seconds_count{model="lending-club",version="2"} 10
                flywheel_inference_latency_seconds_bucket{model="other",version="1",le="0.003"} 0
                flywheel_inference_latency_seconds_count{model="other",version="1"} %d
                """.formatted(v1Within3, v1Within5, v1Count, v1Count, otherModelCount);
    }

    @Test
    void theShareWithinABoundCountsOnlyTheRequestsServedBetweenTwoReadingsOfEveryVersionOfTheModel() {
        ServedLatency before = ServedLatency.parse(metrics(50, 60, 100, 7), "lending-club");
        ServedLatency after = ServedLatency.parse(metrics(140, 195, 300, 900), "lending-club");

        assertThat(after.servedSince(before)).isEqualTo(200);
        assertThat(after.shareWithin(before, 3)).isEqualTo(0.45);
        assertThat(after.shareWithin(before, 5)).isEqualTo(0.675);
    }

    @Test
    void aBoundWithoutABucketOrNothingServedCannotBeJudged() {
        ServedLatency before = ServedLatency.parse(metrics(50, 60, 100, 0), "lending-club");

        assertThat(ServedLatency.parse(metrics(60, 70, 110, 0), "lending-club").shareWithin(before, 4)).isNaN();
        assertThat(before.shareWithin(before, 3)).isNaN();
    }
}
