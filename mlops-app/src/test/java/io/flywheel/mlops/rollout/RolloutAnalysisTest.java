package io.flywheel.mlops.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class RolloutAnalysisTest {

    private static final String POD_A = "http://10.0.0.1:8080";
    private static final String POD_B = "http://10.0.0.2:8080";
    private static final RolloutSettings.Thresholds LIMITS = new Limits();

    @Test
    void aCanaryWithinEveryThresholdOnEveryPodPasses() {
        AnalysisResult result = judge(List.of(pod(POD_A, served(100, 0, 0.002, 0.3), served(30, 0, 0.002, 0.3)),
                pod(POD_B, served(100, 0, 0.002, 0.3), served(30, 1, 0.002, 0.3))), Map.of(), LiveAccuracy.NONE);

        assertThat(result.verdict()).isEqualTo(AnalysisResult.PASS);
        assertThat(result.measurements()).containsEntry("canary_requests", 61.0);
    }

    @Test
    void rollsBackWhenCanaryErrorRateExceedsThreshold() {
        AnalysisResult result = judge(List.of(pod(POD_A, served(100, 0, 0.002, 0.3), served(40, 20, 0.002, 0.3))),
                Map.of(), LiveAccuracy.NONE);

        assertThat(result.failed()).isTrue();
        assertThat(result.summary()).contains("error rate 33.3% is above 5.0%");
    }

    @Test
    void aSlowCanaryFailsOnItsP95() {
        AnalysisResult result = judge(List.of(pod(POD_A, served(100, 0, 0.002, 0.3), served(60, 0, 2.0, 0.3))),
                Map.of(), LiveAccuracy.NONE);

        assertThat(result.summary()).contains("p95 latency").contains("above 1000 ms");
    }

    @Test
    void predictionsThatDifferWildlyFromStablesFailAsAQualityDrop() {
        AnalysisResult result = judge(List.of(pod(POD_A, served(400, 0, 0.002, 0.15), served(300, 0, 0.002, 0.85))),
                Map.of(), LiveAccuracy.NONE);

        assertThat(result.summary()).contains("predictions differ from stable's");
    }

    @Test
    void lowerAccuracyOnFeedbackFailsAsAQualityDrop() {
        AnalysisResult result = judge(List.of(pod(POD_A, served(100, 0, 0.002, 0.3), served(60, 0, 0.002, 0.3))),
                Map.of(), new LiveAccuracy(50, 30, 50, 45));

        assertThat(result.summary()).contains("canary accuracy 0.600");
    }

    @Test
    void aPodThatCannotBeReadHoldsTheStepInsteadOfPassingIt() {
        AnalysisResult result = judge(List.of(pod(POD_A, served(100, 0, 0.002, 0.3), served(60, 0, 0.002, 0.3)),
                PodScrape.failed(POD_B, POD_B + ": connection refused")), Map.of(), LiveAccuracy.NONE);

        assertThat(result.verdict()).isEqualTo(AnalysisResult.INCONCLUSIVE);
        assertThat(result.summary()).contains("connection refused");
        assertThat(judge(List.of(), Map.of(), LiveAccuracy.NONE).verdict()).isEqualTo(AnalysisResult.INCONCLUSIVE);
    }

    @Test
    void onlyTheStepsWindowCountsAndARestartedPodCountsFromZero() {
        VersionCounters before = served(1000, 500, 0.002, 0.3);
        Map<String, Map<String, VersionCounters>> baseline = Map.of(POD_A, Map.of("stable", before, "canary",
                before), POD_B, Map.of("stable", served(5000, 0, 0.002, 0.3), "canary", served(5000, 0, 0.002, 0.3)));

        AnalysisResult result = judge(List.of(pod(POD_A, served(1100, 500, 0.002, 0.3), served(1030, 500, 0.002, 0.3)),
                pod(POD_B, served(100, 0, 0.002, 0.3), served(25, 0, 0.002, 0.3))), baseline, LiveAccuracy.NONE);

        assertThat(result.measurements()).containsEntry("canary_requests", 55.0).containsEntry("canary_errors", 0.0);
        assertThat(result.verdict()).isEqualTo(AnalysisResult.PASS);
    }

    @Test
    void tooFewCanaryRequestsHoldTheStep() {
        AnalysisResult result = judge(List.of(pod(POD_A, served(100, 0, 0.002, 0.3), served(3, 3, 0.002, 0.3))),
                Map.of(), LiveAccuracy.NONE);

        assertThat(result.verdict()).isEqualTo(AnalysisResult.INCONCLUSIVE);
        assertThat(result.summary()).contains("6 requests in this step; 50 are needed");
    }

    @Test
    void theP95IsInterpolatedWithinItsBucketAsPrometheusDoes() {
        TreeMap<Double, Double> buckets = new TreeMap<>(Map.of(0.001, 50.0, 0.002, 90.0, 0.004, 100.0,
                Double.POSITIVE_INFINITY, 100.0));

        assertThat(RolloutAnalysis.quantile(buckets, 0.95)).isCloseTo(0.003, Offset.offset(1e-12));
        assertThat(RolloutAnalysis.quantile(buckets, 0.5)).isEqualTo(0.001);
    }

    private static AnalysisResult judge(List<PodScrape> scrapes, Map<String, Map<String, VersionCounters>> baseline,
                                        LiveAccuracy accuracy) {
        return RolloutAnalysis.judge(scrapes, baseline, accuracy, LIMITS);
    }

    private static PodScrape pod(String url, VersionCounters stable, VersionCounters canary) {
        return new PodScrape(url, stable, canary, null);
    }

    /** Counters of a version that answered every request in {@code seconds} with probabilities all at {@code p}. */
    private static VersionCounters served(double answered, double errors, double seconds, double p) {
        Map<String, Double> latency = new java.util.LinkedHashMap<>();
        for (double le : new double[] {0.001, 0.005, 0.1, 1.0, 5.0}) {
            latency.put(Double.toString(le), seconds <= le ? answered : 0.0);
        }
        latency.put("+Inf", answered);
        Map<String, Double> probability = new java.util.LinkedHashMap<>();
        for (int bin = 1; bin <= 9; bin++) {
            probability.put(Double.toString(bin / 10.0), p <= bin / 10.0 ? answered : 0.0);
        }
        probability.put("+Inf", answered);
        return new VersionCounters(answered, errors, latency, probability);
    }

    /** The documented defaults. */
    private static final class Limits implements RolloutSettings.Thresholds {
        public double maxErrorRate() {
            return 0.05;
        }

        public Duration maxP95() {
            return Duration.ofMillis(1000);
        }

        public double maxPredictionPsi() {
            return 0.25;
        }

        public double maxAccuracyDrop() {
            return 0.05;
        }

        public long minRequests() {
            return 50;
        }

        public long minDistributionRows() {
            return 100;
        }

        public long minLabelled() {
            return 30;
        }
    }
}
