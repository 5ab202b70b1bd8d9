package io.flywheel.shared.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonProblemsTest {

    record Tensor(String name, List<Integer> shape) {
    }

    record Request(List<Tensor> inputs) {
    }

    record Limit(double rate) {
        Limit {
            if (rate > 1) {
                throw new IllegalArgumentException("rate must be at most 1, was " + rate);
            }
        }
    }

    record Limits(List<Limit> limits) {
    }

    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Test
    void bodyThatDoesNotParseIsMalformed() {
        Problem problem = JsonProblems.from(failure("{\"inputs\": ["));

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.type()).isEqualTo(ProblemType.MALFORMED_REQUEST.uri());
        assertThat(problem.detail()).startsWith("the body is not valid JSON");
    }

    @Test
    void wrongTypeDeepInsideNamesTheFieldAsTheClientWroteIt() {
        Problem problem = JsonProblems.from(failure("{\"inputs\": [{\"name\": \"a\", \"shape\": [1, \"x\"]}]}"));

        assertThat(problem.status()).isEqualTo(422);
        assertThat(problem.errors()).extracting(Problem.FieldError::field).containsExactly("inputs[0].shape[1]");
        assertThat(problem.errors().get(0).message()).contains("Integer").contains("x");
    }

    @Test
    void unknownFieldIsNamed() {
        Problem problem = JsonProblems.from(failure("{\"inputz\": []}"));

        assertThat(problem.status()).isEqualTo(422);
        assertThat(problem.errors()).extracting(Problem.FieldError::field).containsExactly("inputz");
        assertThat(problem.errors().get(0).message()).isEqualTo("is not a known field");
    }

    @Test
    void objectWhereAnArrayBelongsSaysSo() {
        Problem problem = JsonProblems.from(failure("{\"inputs\": {\"name\": \"a\"}}"));

        assertThat(problem.errors()).extracting(Problem.FieldError::field).containsExactly("inputs");
        assertThat(problem.errors().get(0).message()).isEqualTo("must be an array");
    }

    @Test
    void aValueItsConstructorRefusesIsA422NamingTheFieldAndTheReason() {
        JsonProcessingException refused = catchThrowableOfType(JsonProcessingException.class,
                () -> json.readValue("{\"limits\": [{\"rate\": 0.5}, {\"rate\": 2}]}", Limits.class));
        Problem problem = JsonProblems.from(refused);

        assertThat(problem.status()).isEqualTo(422);
        assertThat(problem.errors()).extracting(Problem.FieldError::field).containsExactly("limits[1]");
        assertThat(problem.detail()).isEqualTo("field 'limits[1]' is invalid: rate must be at most 1, was 2.0");
    }

    private JsonProcessingException failure(String body) {
        return catchThrowableOfType(JsonProcessingException.class, () -> json.readValue(body, Request.class));
    }
}
