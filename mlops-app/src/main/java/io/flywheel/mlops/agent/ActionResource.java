package io.flywheel.mlops.agent;

import io.flywheel.mlops.access.Caller;
import io.flywheel.mlops.access.Roles;
import io.flywheel.shared.problem.Problem.FieldError;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.util.List;
import java.util.UUID;

/** Remediation actions: list and read them, and ask for one by hand (it then goes through its tier). */
@Path("/api/actions")
@Produces(MediaType.APPLICATION_JSON)
public class ActionResource {

    static final int MAX_LIMIT = 500;

    private final RemediationService service;
    private final ActionRunner runner;

    public ActionResource(RemediationService service, ActionRunner runner) {
        this.service = service;
        this.runner = runner;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    public Uni<List<ActionView>> list(@QueryParam("status") String status, @QueryParam("alert") UUID alert,
                                      @QueryParam("limit") @DefaultValue("100") int limit) {
        ActionStatus wanted = status == null ? null : ActionStatus.of(status);
        if (status != null && wanted == null) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "unknown status", List.of(new FieldError("status",
                    "must be one of awaiting-approval, queued, running, succeeded, failed, unavailable, rejected")));
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "limit is out of range",
                    List.of(new FieldError("limit", "must be between 1 and " + MAX_LIMIT)));
        }
        return service.list(wanted, alert, limit).map(actions -> actions.stream().map(ActionView::of).toList());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.VIEWER)
    public Uni<ActionView> get(@PathParam("id") UUID id) {
        return service.get(id).map(ActionView::of);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    public Uni<Response> request(ActionRequestBody body, @Context SecurityContext caller) {
        return service.request(body, Caller.of(caller)).invoke(action -> {
            if (action.actionStatus() == ActionStatus.QUEUED) {
                runner.submit(action.id);
            }
        }).map(action -> Response.created(URI.create("/api/actions/" + action.id)).entity(ActionView.of(action))
                .build());
    }
}
