package io.flywheel.mlops.rollout;

import io.flywheel.mlops.access.Roles;
import io.flywheel.mlops.registry.Attribution;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;

/** Rollouts: start one, follow it (steps and analyses), and pause, resume, promote or abort it by hand. */
@Path("/api/rollouts")
@Produces(MediaType.APPLICATION_JSON)
public class RolloutResource {

    private final RolloutService service;

    public RolloutResource(RolloutService service) {
        this.service = service;
    }

    /** 201 with the rollout at its first step; 404 unknown model/version, 409 not a passed Staging version or one
     * running already, 422 bad body. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    public Uni<Response> start(RolloutRequest request, @Context SecurityContext security) {
        return service.start(request, Attribution.api(security, request == null ? null : request.reason()))
                .map(rollout -> Response.created(URI.create("/api/rollouts/" + rollout.id())).entity(rollout)
                        .build());
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    public Uni<List<RolloutView>> list(@QueryParam("model") String model, @QueryParam("status") String status) {
        return service.list(model, status);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.VIEWER)
    public Uni<RolloutView> get(@PathParam("id") UUID id) {
        return service.get(id);
    }

    /** The printable deployment report (HTML, inline SVG, no script). */
    @GET
    @Path("/{id}/report")
    @Produces(MediaType.TEXT_HTML)
    @RolesAllowed(Roles.VIEWER)
    public Uni<String> report(@PathParam("id") UUID id) {
        return service.get(id).map(rollout -> RolloutReport.of(rollout, OffsetDateTime.now(ZoneOffset.UTC)).render());
    }

    @POST
    @Path("/{id}/pause")
    @RolesAllowed(Roles.OPERATOR)
    public Uni<RolloutView> pause(@PathParam("id") UUID id, RolloutAction action, @Context SecurityContext security) {
        return act(service::pause, id, action, security);
    }

    @POST
    @Path("/{id}/resume")
    @RolesAllowed(Roles.OPERATOR)
    public Uni<RolloutView> resume(@PathParam("id") UUID id, RolloutAction action, @Context SecurityContext security) {
        return act(service::resume, id, action, security);
    }

    @POST
    @Path("/{id}/promote")
    @RolesAllowed(Roles.OPERATOR)
    public Uni<RolloutView> promote(@PathParam("id") UUID id, RolloutAction action,
                                    @Context SecurityContext security) {
        return act(service::promote, id, action, security);
    }

    @POST
    @Path("/{id}/abort")
    @RolesAllowed(Roles.OPERATOR)
    public Uni<RolloutView> abort(@PathParam("id") UUID id, RolloutAction action, @Context SecurityContext security) {
        return act(service::abort, id, action, security);
    }

    private static Uni<RolloutView> act(BiFunction<UUID, Attribution, Uni<RolloutView>> action, UUID id,
                                        RolloutAction body, SecurityContext security) {
        return action.apply(id, Attribution.api(security, body == null ? null : body.reason()));
    }
}
