package io.flywheel.mlops.agent;

import io.flywheel.mlops.access.Caller;
import io.flywheel.mlops.access.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.UUID;

/**
 * The approval queue: what waits for a decision, approve (it then runs) and reject (it is escalated). Approving a
 * human-only action needs an admin who repeats its type in {@code confirm}.
 */
@Path("/api/approvals")
@Produces(MediaType.APPLICATION_JSON)
public class ApprovalResource {

    static final int QUEUE_PAGE = 500;

    private final RemediationService service;
    private final ActionRunner runner;

    public ApprovalResource(RemediationService service, ActionRunner runner) {
        this.service = service;
        this.runner = runner;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    public Uni<List<ActionView>> pending() {
        return service.list(ActionStatus.AWAITING_APPROVAL, null, QUEUE_PAGE)
                .map(actions -> actions.stream().map(ActionView::of).toList());
    }

    @POST
    @Path("/{id}/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.APPROVER)
    public Uni<ActionView> approve(@PathParam("id") UUID id, Decision decision, @Context SecurityContext caller) {
        return service.approve(id, decision, Caller.of(caller), caller.isUserInRole(Roles.ADMIN))
                .invoke(action -> runner.submit(action.id)).map(ActionView::of);
    }

    @POST
    @Path("/{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.APPROVER)
    public Uni<ActionView> reject(@PathParam("id") UUID id, Decision decision, @Context SecurityContext caller) {
        return service.reject(id, decision, Caller.of(caller))
                .invoke(action -> runner.escalate(action.id)).map(ActionView::of);
    }
}
