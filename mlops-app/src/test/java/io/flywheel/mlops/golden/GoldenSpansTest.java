package io.flywheel.mlops.golden;

import static org.assertj.core.api.Assertions.assertThat;

import io.flywheel.shared.golden.ExpectedSpan;
import org.junit.jupiter.api.Test;

/** A reviewed answer's expected spans are the logged offsets of the passages it cites, else of all its passages. */
class GoldenSpansTest {

    private static final String SOURCES = "[{\"document\":\"a.rst\",\"start\":0,\"end\":100},"
            + "{\"document\":\"b.rst\",\"start\":40,\"end\":90},{\"document\":\"c.rst\",\"start\":5,\"end\":6}]";

    @Test
    void theCitedPassagesAreTheSpans() {
        assertThat(GoldenJob.spans("Use sorted() [2]. It returns a list [2] [9].", SOURCES))
                .containsExactly(new ExpectedSpan("b.rst", 40, 90));
    }

    @Test
    void anAnswerCitingNothingTakesAllItsPassages() {
        assertThat(GoldenJob.spans("Use sorted().", SOURCES)).extracting(ExpectedSpan::document)
                .containsExactly("a.rst", "b.rst", "c.rst");
    }

    @Test
    void anAnswerWithoutPassagesHasNoSpans() {
        assertThat(GoldenJob.spans("Use sorted() [1].", "[]")).isEmpty();
    }
}
