package io.flywheel.inference.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.flywheel.shared.problem.JsonProblems;
import io.flywheel.shared.problem.Problem;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The one place where inference-app turns failures into {@code application/problem+json}; never a stack trace. */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    private static final String OPEN_INFERENCE = "/v2/";

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response rendered = render(e.problem(), uri);
        if (e.retryAfter() == null) {
            return rendered;
        }
        // whole seconds, rounded up: a client retrying a little late is fine, a little early is refused again
        long seconds = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
        return Response.fromResponse(rendered).header(HttpHeaders.RETRY_AFTER, seconds).build();
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
        return render(JsonProblems.from(e), uri);
    }

    // Quarkus REST ships a mapper for this subtype; ours must be at least as specific to win.
    @ServerExceptionMapper
    public Response jsonShape(MismatchedInputException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(violation -> new Problem.FieldError(violation.getPropertyPath().toString(), violation.getMessage()))
                .toList();
        return render(Problem.of(ProblemType.INVALID_REQUEST, errors.size() + " field(s) are invalid", errors), uri);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return json(json, uri);
        }
        Response response = e.getResponse();
        ProblemType type = ProblemType.forStatus(response.getStatus());
        // JAX-RS' own messages ("HTTP 404 Not Found") say nothing the status does not; name the path instead
        String detail = e.getMessage() == null || e.getMessage().startsWith("HTTP ")
                ? type.title() + ": " + uri.getPath() : e.getMessage();
        Response rendered = render(Problem.of(type, detail), uri);
        String retryAfter = response.getHeaderString(HttpHeaders.RETRY_AFTER);
        return retryAfter == null ? rendered : Response.fromResponse(rendered).header(HttpHeaders.RETRY_AFTER, retryAfter).build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        LOG.errorf(e, "unexpected failure on %s", uri.getPath());
        return render(Problem.of(ProblemType.INTERNAL, "an unexpected error occurred; it has been logged"), uri);
    }

    private static Response render(Problem problem, UriInfo uri) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(body(problem, uri.getPath())).build();
    }

    /** The body of a problem at a path: on {@code /v2} it also carries the protocol's {@code error} string. */
    public static Object body(Problem problem, String path) {
        Problem located = problem.at(path);
        return path.startsWith(OPEN_INFERENCE) ? OpenInferenceProblem.of(located) : located;
    }
}
