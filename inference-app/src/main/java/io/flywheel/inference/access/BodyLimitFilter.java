package io.flywheel.inference.access;

import io.flywheel.inference.assistant.AssistantSettings;
import io.flywheel.inference.tabular.ServingSettings;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a request whose declared body is larger than its API's limit with a 413 problem, before the body is read:
 * {@code flywheel.assistant.limits.max-body-bytes} on {@code /v1}, {@code flywheel.serving.max-body-size} on
 * {@code /v2}. (A chunked body without a length is bounded by {@code quarkus.http.limits.max-body-size}.)
 */
public class BodyLimitFilter {

    private final AssistantSettings assistant;
    private final ServingSettings serving;

    public BodyLimitFilter(AssistantSettings assistant, ServingSettings serving) {
        this.assistant = assistant;
        this.serving = serving;
    }

    @ServerRequestFilter(preMatching = true)
    public void limit(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        long max;
        if (path.startsWith("/v1/")) {
            max = assistant.limits().maxBodyBytes();
        } else if (path.startsWith("/v2/")) {
            max = serving.maxBodySize().asLongValue();
        } else {
            return;
        }
        int length = request.getLength();
        if (length > max) {
            throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "the request body has " + length
                    + " bytes; at most " + max + " are accepted");
        }
    }
}
