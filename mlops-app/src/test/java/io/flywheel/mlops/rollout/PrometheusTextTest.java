package io.flywheel.mlops.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    private static final String SCRAPE = """
            # HELP flywheel_inference_latency_seconds Scoring requests answered
            # TYPE flywheel_inference_latency_seconds histogram
            flywheel_inference_latency_seconds_bucket{le="0.001",model="credit",version="2"} 3.0
            flywheel_inference_latency_seconds_bucket{le="+Inf",model="credit",version="2"} 4.0
            flywheel_inference_latency_seconds_count{model="credit",version="2"} 4.0
            flywheel_inference_errors_total{model="credit",type="invalid-request",version="2"} 6.0
            flywheel_inference_errors_total{model="credit",type="scoring-failed",version="2"} 1.0
            flywheel_inference_errors_total{model="credit",type="invalid-request",version="1"} 9.0
            odd_label{path="a \\"quoted\\" \\\\ value, with comma"} 1 1700000000000
            nan_gauge NaN
            exemplified_bucket{le="0.5"} 203.0 # {span_id="d40e",trace_id="df3d"} 1.0 1796597452.740
            """;

    @Test
    void readsSamplesWithLabelsEscapesTimestampsAndSpecialValues() {
        List<PrometheusText.Sample> samples = PrometheusText.parse(SCRAPE);

        assertThat(samples).hasSize(9);
        assertThat(samples.get(8).value()).isEqualTo(203.0);
        assertThat(samples.get(1)).isEqualTo(new PrometheusText.Sample("flywheel_inference_latency_seconds_bucket",
                Map.of("le", "+Inf", "model", "credit", "version", "2"), 4.0));
        assertThat(samples.get(6).labels()).containsEntry("path", "a \"quoted\" \\ value, with comma");
        assertThat(samples.get(7).value()).isNaN();
    }

    @Test
    void picksOneVersionsCountersAndSumsItsErrorTypes() {
        VersionCounters canary = VersionCounters.of(PrometheusText.parse(SCRAPE), "credit", 2);

        assertThat(canary.answered()).isEqualTo(4.0);
        assertThat(canary.errors()).isEqualTo(7.0);
        assertThat(canary.requests()).isEqualTo(11.0);
        assertThat(canary.latency()).containsEntry("+Inf", 4.0).containsEntry("0.001", 3.0);
        assertThat(VersionCounters.of(PrometheusText.parse(SCRAPE), "credit", 3)).isEqualTo(VersionCounters.NONE);
    }

    @Test
    void aLineThatIsNotTheFormatFailsTheWholeScrapeNamingTheLine() {
        for (String bad : List.of("metric{le=\"1\" 2", "metric{le=1} 2", "metric", "metric 1 2 3", "{le=\"1\"} 2",
                "metric one")) {
            assertThatThrownBy(() -> PrometheusText.parse("# ok\ngood 1\n" + bad))
                    .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 3");
        }
    }
}
