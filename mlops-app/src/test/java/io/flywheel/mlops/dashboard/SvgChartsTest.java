package io.flywheel.mlops.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flywheel.mlops.drift.FeatureResult;
import io.flywheel.shared.drift.DriftLevel;
import io.flywheel.shared.drift.DriftThresholds;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The server-drawn charts: what they draw from a version's details, and what they refuse to let through. */
class SvgChartsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theReliabilityDiagramHasAPointPerNonEmptyBinPlacedByPredictedAndObservedRates() throws Exception {
        String svg = SvgCharts.reliability(JSON.readTree("""
                {"bins": [{"lower": 0, "upper": 0.5, "count": 10, "meanPredicted": 0.25, "observedRate": 0.5},
                          {"lower": 0.5, "upper": 1, "count": 0, "meanPredicted": null, "observedRate": null}]}"""));

        assertThat(svg).startsWith("<svg").endsWith("</svg>");
        assertThat(svg.split("<circle", -1)).hasSize(2);
        // x = 30 + 0.25 * 200, y = 30 + 200 - 0.5 * 200
        assertThat(svg).contains("cx=\"80.0\" cy=\"130.0\"", "points=\"80.0,130.0\"", "10 rows");
    }

    @Test
    void psiBarsAreColouredByLevelWithBothThresholdsMarkedAndTheScaleReachingPastTheAlertLine() {
        List<FeatureResult> features = List.of(
                new FeatureResult("radius <x>", "numeric", 100, 0.45, 0.3, DriftLevel.ALERT, List.of(), null, null),
                new FeatureResult("texture", "numeric", 100, 0.15, 0.1, DriftLevel.WARN, List.of(), null, null),
                new FeatureResult("prediction", "prediction", 100, null, null, DriftLevel.OK, List.of(), null, null));

        String svg = SvgCharts.psiBars(features, new DriftThresholds(0.1, 0.2));

        assertThat(svg).startsWith("<svg").endsWith("</svg>").contains("class=\"chart psi\"");
        // the largest PSI (0.45) spans the whole 220 px; 0.15 is a third of it; a missing PSI is an empty bar
        assertThat(svg).contains("width=\"220.0\" height=\"14\" class=\"bar psi-alert\"",
                "width=\"73.3\" height=\"14\" class=\"bar psi-warn\"",
                "width=\"0.0\" height=\"14\" class=\"bar psi-ok\"");
        // thresholds at 150 + 0.1 / 0.45 * 220 and 150 + 0.2 / 0.45 * 220
        assertThat(svg).contains("x1=\"198.9\"", "class=\"threshold threshold-warn\"", "x1=\"247.8\"",
                "class=\"threshold threshold-alert\"", "warn 0.10", "alert 0.20");
        assertThat(svg).as("feature names are escaped").contains("radius &lt;x&gt;").doesNotContain("radius <x>");
        assertThat(SvgCharts.psiBars(List.of(new FeatureResult("calm", "numeric", 100, 0.01, 0.0, DriftLevel.OK,
                List.of(), null, null)), new DriftThresholds(0.1, 0.2)))
                .as("nothing drifted: the scale is 1.5 × the alert threshold, so the alert line is at 2/3")
                .contains("x1=\"296.7\"");
        assertThat(SvgCharts.psiBars(List.of(), new DriftThresholds(0.1, 0.2))).isEmpty();
    }

    @Test
    void shareBarsPutEachBinsReferenceShareBesideItsLiveShareScaledToTheLargest() {
        FeatureResult feature = new FeatureResult("age & <x>", "numeric", 100, 0.3, 0.2, DriftLevel.ALERT,
                List.of("< 30", "30 – 50"), new double[] {0.5, 0.5}, new double[] {0.2, 0.8});

        String svg = SvgCharts.shareBars(feature);

        assertThat(svg).startsWith("<svg").endsWith("</svg>").contains("class=\"chart shares\"");
        assertThat(svg.split("class=\"bar share-reference\"", -1)).hasSize(3);
        assertThat(svg.split("class=\"bar share-live\"", -1)).hasSize(3);
        // the largest share (0.8) spans 220 px, 0.5 is 137.5 and 0.2 is 55
        assertThat(svg).contains("width=\"220.0\"", "width=\"137.5\"", "width=\"55.0\"", "80.0%", "20.0%");
        assertThat(svg).contains("&lt; 30", "age &amp; &lt;x&gt;").doesNotContain("<x>");
        assertThat(SvgCharts.shareBars(new FeatureResult("f", "numeric", 0, null, null, DriftLevel.OK, List.of(),
                null, null))).isEmpty();
    }

    @Test
    void importanceBarsAreScaledToTheLargestAndANegativeOneIsAnEmptyBarWithItsValue() throws Exception {
        String svg = SvgCharts.importanceBars(JSON.readTree("""
                [{"feature": "a", "importance": 0.2}, {"feature": "b", "importance": 0.1},
                 {"feature": "c", "importance": -0.05}, {"feature": "d", "importance": 0.01}]"""), 3);

        assertThat(svg).contains("width=\"220.0\"", "width=\"110.0\"", "width=\"0.0\"", "-0.0500");
        assertThat(svg).as("limited to 3 bars").doesNotContain(">d<");
        assertThat(SvgCharts.importanceBars(JSON.readTree("[]"), 3)).isEmpty();
    }

    @Test
    void theConfusionMatrixShowsEachCountAndShadesByShare() throws Exception {
        String svg = SvgCharts.confusion(JSON.readTree("""
                {"truePositives": 30, "falsePositives": 0, "trueNegatives": 60, "falseNegatives": 10}"""));

        assertThat(svg).contains("true positives: 30", "false positives: 0", "true negatives: 60",
                "false negatives: 10", "fill-opacity=\"0.10\"", "fill-opacity=\"0.58\"");
    }

    @Test
    void storedTextIsEscapedBeforeItEntersTheMarkup() throws Exception {
        String svg = SvgCharts.importanceBars(JSON.readTree("""
                [{"feature": "</svg><script>alert('x')</script>", "importance": 1}]"""), 5);

        assertThat(svg).doesNotContain("<script>").contains("&lt;/svg&gt;&lt;script&gt;alert(&#39;x&#39;)");
    }
}
