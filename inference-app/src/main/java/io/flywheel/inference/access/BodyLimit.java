package io.flywheel.inference.access;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flywheel.inference.assistant.AssistantSettings;
import io.flywheel.inference.problem.ProblemMapper;
import io.flywheel.inference.tabular.ServingSettings;
import io.flywheel.shared.problem.Problem;
import io.flywheel.shared.problem.ProblemType;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses a request whose declared body is larger than its API's limit with a 413 problem, before a byte of the body
 * is read: {@code flywheel.assistant.limits.max-body-bytes} on {@code /v1}, {@code flywheel.serving.max-body-size} on
 * {@code /v2}. It runs on the router ahead of Quarkus' own check of {@code quarkus.http.limits.max-body-size} (which
 * answers a bare 413), so that any declared size gets a problem body. A body sent without a length (chunked) is read
 * up to that hard ceiling and then checked by the API itself.
 */
@ApplicationScoped
public class BodyLimit {

    /** Quarkus installs its body-size check at order -2. */
    private static final int AHEAD_OF_QUARKUS = -3;

    private final AssistantSettings assistant;
    private final ServingSettings serving;
    private final ObjectMapper json;

    public BodyLimit(AssistantSettings assistant, ServingSettings serving, ObjectMapper json) {
        this.assistant = assistant;
        this.serving = serving;
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(AHEAD_OF_QUARKUS).handler(this::check);
    }

    private void check(RoutingContext context) {
        String path = context.normalizedPath();
        long max = path.startsWith("/v1/") ? assistant.limits().maxBodyBytes()
                : path.startsWith("/v2/") ? serving.maxBodySize().asLongValue() : -1;
        long declared = declaredLength(context);
        if (max < 0 || declared <= max) {
            context.next();
            return;
        }
        Problem problem = Problem.of(ProblemType.PAYLOAD_TOO_LARGE, "the request body has " + declared
                + " bytes; at most " + max + " are accepted");
        try {
            context.response().setStatusCode(problem.status())
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(json.writeValueAsString(ProblemMapper.body(problem, path)));
        } catch (JsonProcessingException e) {
            context.fail(e);
        }
    }

    private static long declaredLength(RoutingContext context) {
        String header = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return header == null ? -1 : Long.parseLong(header.trim());
        } catch (NumberFormatException notANumber) {
            return -1; // Vert.x refuses a malformed Content-Length itself
        }
    }
}
