package io.flywheel.shared.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ProblemTest {

    @Test
    void problemOfAKindCarriesItsStableTypeTitleAndStatus() {
        Problem problem = Problem.of(ProblemType.NOT_FOUND, "model 'credit' does not exist");

        assertThat(problem.type()).isEqualTo("urn:flywheel:problem:not-found");
        assertThat(problem.title()).isEqualTo("Resource not found");
        assertThat(problem.status()).isEqualTo(404);
        assertThat(problem.detail()).isEqualTo("model 'credit' does not exist");
        assertThat(problem.errors()).isEmpty();
    }

    @Test
    void fieldErrorsNameTheOffendingFieldsAndCannotBeChangedAfterwards() {
        List<Problem.FieldError> errors = new java.util.ArrayList<>(
                List.of(new Problem.FieldError("inputs[0].datatype", "must be FP64, was BOOL")));
        Problem problem = Problem.of(ProblemType.INVALID_REQUEST, "1 field is invalid", errors);
        errors.clear();

        assertThat(problem.errors()).extracting(Problem.FieldError::field).containsExactly("inputs[0].datatype");
        assertThatThrownBy(() -> problem.errors().add(new Problem.FieldError("x", "y")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void locatingAProblemKeepsEverythingElse() {
        Problem problem = Problem.of(ProblemType.MALFORMED_REQUEST, "unexpected end of input").at("/v1/feedback");

        assertThat(problem.instance()).isEqualTo("/v1/feedback");
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.detail()).isEqualTo("unexpected end of input");
    }

    @Test
    void everyKindHasAUniqueStableUri() {
        assertThat(Arrays.stream(ProblemType.values()).map(ProblemType::uri).collect(Collectors.toSet()))
                .hasSize(ProblemType.values().length)
                .allMatch(uri -> uri.startsWith("urn:flywheel:problem:"));
    }

    @Test
    void aGenericStatusFallsBackToItsCatalogueEntry() {
        assertThat(ProblemType.forStatus(400)).isEqualTo(ProblemType.BAD_REQUEST);
        assertThat(ProblemType.forStatus(404)).isEqualTo(ProblemType.NOT_FOUND);
        assertThat(ProblemType.forStatus(503)).isEqualTo(ProblemType.UNAVAILABLE);
        assertThat(ProblemType.forStatus(502)).isEqualTo(ProblemType.INTERNAL);
        assertThat(ProblemType.forStatus(418)).isEqualTo(ProblemType.INVALID_REQUEST);
    }
}
