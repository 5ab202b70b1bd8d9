package io.flywheel.mlops.keys;

import io.flywheel.mlops.access.Caller;
import io.flywheel.mlops.access.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;

/** API keys of the inference endpoints: create (the key is in this one answer), list, revoke; admin only, audited. */
@Path("/api/keys")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class ApiKeyResource {

    private final ApiKeyService service;

    public ApiKeyResource(ApiKeyService service) {
        this.service = service;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(KeyRequest request, @Context SecurityContext caller) {
        return service.create(request, Caller.of(caller)).map(created -> Response.created(URI.create("/api/keys/" + created.details().id()))
                .entity(created).build());
    }

    @GET
    public Uni<List<KeyView>> list() {
        return service.list();
    }

    @DELETE
    @Path("/{id}")
    public Uni<KeyView> revoke(@PathParam("id") UUID id, @Context SecurityContext caller) {
        return service.revoke(id, Caller.of(caller));
    }
}
