package io.flywheel.mlops.deployment;

import io.flywheel.mlops.access.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

/**
 * What every inference pod should serve ({@link io.flywheel.shared.deployment.Deployments}), for pods that poll it
 * with {@code If-None-Match}: an unchanged revision costs one indexed read and a 304.
 */
@Path("/api/deployments")
public class DeploymentResource {

    private final DeploymentService service;

    public DeploymentResource(DeploymentService service) {
        this.service = service;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.VIEWER)
    public Uni<Response> deployments(@Context Request request) {
        return service.revision().chain(revision -> {
            Response.ResponseBuilder notModified = request.evaluatePreconditions(etag(revision));
            if (notModified != null) {
                return Uni.createFrom().item(notModified.build());
            }
            return service.published().map(published -> Response.ok(published).tag(etag(published.revision()))
                    .build());
        });
    }

    static EntityTag etag(long revision) {
        return new EntityTag("deployments-" + revision);
    }
}
