package io.flywheel.inference.assistant;

import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses an assistant request whose declared body is larger than the limit with a 413 problem, before the body is
 * read. (A chunked body without a length is bounded by {@code quarkus.http.limits.max-body-size}.)
 */
public class BodyLimitFilter {

    private final AssistantSettings settings;

    public BodyLimitFilter(AssistantSettings settings) {
        this.settings = settings;
    }

    @ServerRequestFilter(preMatching = true)
    public void limit(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/v1/")) {
            return;
        }
        int length = request.getLength();
        int max = settings.limits().maxBodyBytes();
        if (length > max) {
            throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "the request body has " + length
                    + " bytes; at most " + max + " are accepted");
        }
    }
}
