package io.flywheel.mlops.registry;

import io.flywheel.mlops.access.Roles;
import io.flywheel.shared.deployment.ModelKind;
import io.flywheel.shared.problem.Problem.FieldError;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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

/** Registered models: list, create, read, history, comparison of two versions, aliases. */
@Path("/api/models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelResource {

    private final RegistryService registry;
    private final RegistryQueries queries;

    public ModelResource(RegistryService registry, RegistryQueries queries) {
        this.registry = registry;
        this.queries = queries;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    public Uni<List<ModelView>> models(@QueryParam("kind") String kind) {
        ModelKind wanted = kind == null ? null : ModelKind.parse(kind);
        if (kind != null && wanted == null) {
            throw invalid("kind", "must be one of " + ModelKind.labels());
        }
        return queries.models(wanted);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    public Uni<Response> create(NewModel model, @Context SecurityContext caller) {
        return registry.createModel(model, Attribution.api(caller, null)).map(created -> Response
                .created(URI.create("/api/models/" + created.name())).entity(created).build());
    }

    @GET
    @Path("/{name}")
    @RolesAllowed(Roles.VIEWER)
    public Uni<ModelView> model(@PathParam("name") String name) {
        return queries.model(name);
    }

    /** The model's history: registrations, stage changes, evaluations, alias moves, deployment changes. */
    @GET
    @Path("/{name}/events")
    @RolesAllowed(Roles.VIEWER)
    public Uni<List<RegistryEventView>> events(@PathParam("name") String name) {
        return queries.events(name);
    }

    /** Two versions side by side ({@code base} and {@code candidate}: numbers or aliases). */
    @GET
    @Path("/{name}/comparison")
    @RolesAllowed(Roles.VIEWER)
    public Uni<Comparison> compare(@PathParam("name") String name, @QueryParam("base") String base,
                                   @QueryParam("candidate") String candidate) {
        if (base == null || candidate == null) {
            throw invalid(base == null ? "base" : "candidate", "two versions are compared: ?base=…&candidate=… "
                    + "(numbers or aliases)");
        }
        return queries.compare(name, base, candidate);
    }

    /** The version an alias points to. */
    @GET
    @Path("/{name}/aliases/{alias}")
    @RolesAllowed(Roles.VIEWER)
    public Uni<VersionView> alias(@PathParam("name") String name, @PathParam("alias") String alias) {
        RegistryValidation.checkAlias(alias);
        return queries.version(name, alias);
    }

    @PUT
    @Path("/{name}/aliases/{alias}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    public Uni<VersionView> setAlias(@PathParam("name") String name, @PathParam("alias") String alias,
                                     AliasChange change, @Context SecurityContext caller) {
        if (change == null || change.version() == null) {
            throw invalid("version", "the version the alias points to is required");
        }
        return registry.setAlias(name, alias, change.version(), Attribution.api(caller, change.reason()));
    }

    @DELETE
    @Path("/{name}/aliases/{alias}")
    @RolesAllowed(Roles.OPERATOR)
    public Uni<Response> removeAlias(@PathParam("name") String name, @PathParam("alias") String alias,
                                     @QueryParam("reason") String reason, @Context SecurityContext caller) {
        return registry.removeAlias(name, alias, Attribution.api(caller, reason))
                .map(removed -> Response.noContent().build());
    }

    static ProblemException invalid(String field, String message) {
        return new ProblemException(ProblemType.INVALID_REQUEST, "the request is invalid",
                List.of(new FieldError(field, message)));
    }
}
