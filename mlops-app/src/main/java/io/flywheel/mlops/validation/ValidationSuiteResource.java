package io.flywheel.mlops.validation;

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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.util.List;

/** Validation suites, versioned: list, read, and publish a new version of a suite. */
@Path("/api/validation-suites")
@Produces(MediaType.APPLICATION_JSON)
public class ValidationSuiteResource {

    private final ValidationService service;

    public ValidationSuiteResource(ValidationService service) {
        this.service = service;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    public Uni<List<SuiteView>> list() {
        return service.list();
    }

    @GET
    @Path("/{name}")
    @RolesAllowed(Roles.VIEWER)
    public Uni<List<SuiteView>> versions(@PathParam("name") String name) {
        return service.versions(name);
    }

    @GET
    @Path("/{name}/versions/{version}")
    @RolesAllowed(Roles.VIEWER)
    public Uni<SuiteView> version(@PathParam("name") String name, @PathParam("version") int version) {
        return service.version(name, version);
    }

    @POST
    @Path("/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    public Uni<Response> publish(@PathParam("name") String name, SuiteRequest request, @Context SecurityContext caller) {
        return service.publish(name, request, Caller.of(caller)).map(suite -> Response
                .created(URI.create("/api/validation-suites/" + name + "/versions/" + suite.version()))
                .entity(suite).build());
    }
}
