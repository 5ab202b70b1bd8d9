package io.flywheel.mlops.golden;

import static org.assertj.core.api.Assertions.assertThat;

import io.flywheel.mlops.evaluation.GateCheck;
import io.flywheel.mlops.evaluation.GateResult;
import io.flywheel.shared.golden.KnowledgeScores;
import org.junit.jupiter.api.Test;

/** The golden-set gate's rules on given scores, at the documented defaults. */
class KnowledgeGateRulesTest {

    private static final GoldenSettings DEFAULTS = new GoldenSettings() {
        public int depth() {
            return 10;
        }

        public int contextK() {
            return 5;
        }

        public double maxRegression() {
            return 0.02;
        }

        public double minHitRateAt5() {
            return 0.9;
        }

        public double minMrr() {
            return 0.85;
        }

        public double minContextSupport() {
            return 0.5;
        }

        public int minRating() {
            return 4;
        }

        public int growthLimit() {
            return 500;
        }
    };
    private static final KnowledgeGate GATE = new KnowledgeGate(DEFAULTS);
    private static final KnowledgeScores PRODUCTION = new KnowledgeScores(175, 0.98, 0.99, 0.99, 0.93, 0.9, 0.86, 0, 0);

    @Test
    void aFirstVersionPassesOnlyAboveTheAbsoluteThresholds() {
        assertThat(GATE.judge(PRODUCTION, null).passed()).isTrue();
        GateResult weak = GATE.judge(new KnowledgeScores(175, 0.7, 0.95, 0.8, 0.93, 0.9, 0.86, 0, 0), null);
        assertThat(weak.passed()).isFalse();
        assertThat(weak.checks()).filteredOn(check -> !check.passed()).extracting(GateCheck::metric)
                .containsExactly("mrr");
    }

    @Test
    void aCandidateWithinTheMarginPassesAndOneBeyondItFails() {
        KnowledgeScores slightlyWorse = new KnowledgeScores(175, 0.97, 0.98, 0.975, 0.915, 0.9, 0.85, 0.01, 0);
        assertThat(GATE.judge(slightlyWorse, PRODUCTION).passed()).isTrue();

        KnowledgeScores tinyChunks = new KnowledgeScores(175, 0.74, 0.91, 0.81, 0.08, 0.9, 0.77, 0, 0);
        GateResult verdict = GATE.judge(tinyChunks, PRODUCTION);
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.summary()).contains("context_support 0.0800 vs Production 0.9300").endsWith(": fail");
    }

    @Test
    void moreRefusalsOrPersonalDataInAnswersFail() {
        assertThat(GATE.judge(new KnowledgeScores(175, 0.98, 0.99, 0.99, 0.93, 0.9, 0.86, 0.05, 0), PRODUCTION)
                .passed()).isFalse();
        assertThat(GATE.judge(new KnowledgeScores(175, 0.98, 0.99, 0.99, 0.93, 0.9, 0.86, 0, 1), PRODUCTION)
                .passed()).isFalse();
    }

    @Test
    void anEmptyGoldenSetJudgesNothingAndFails() {
        GateResult verdict = GATE.judge(new KnowledgeScores(0, 0, 0, 0, 0, 0, 0, 0, 0), PRODUCTION);
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.checks().get(0).metric()).isEqualTo("golden_questions");
    }
}
