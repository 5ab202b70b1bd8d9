package io.flywheel.mlops.jobs;

import io.flywheel.mlops.access.Caller;
import io.flywheel.mlops.access.Roles;
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
import java.util.Map;
import java.util.UUID;

/** The jobs: what exists and when it runs, run history, and on-demand runs. */
@Path("/api/jobs")
@Produces(MediaType.APPLICATION_JSON)
public class JobResource {

    private final JobService service;

    public JobResource(JobService service) {
        this.service = service;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    public Uni<List<JobView>> jobs() {
        return service.jobs();
    }

    /** 202 with the queued run; 404 unknown job, 422 parameters it does not take, 409 while it runs. */
    @POST
    @Path("/{name}/runs")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    public Uni<Response> start(@PathParam("name") String name, RunRequest request, @Context SecurityContext security) {
        Map<String, String> parameters = request == null || request.parameters() == null ? Map.of()
                : request.parameters();
        return service.start(name, parameters, JobTrigger.api(Caller.of(security)))
                .map(run -> Response.accepted(run).location(URI.create("/api/jobs/runs/" + run.id())).build());
    }

    @GET
    @Path("/runs")
    @RolesAllowed(Roles.VIEWER)
    public Uni<RunPage> runs(@QueryParam("job") String job, @QueryParam("status") String status,
                             @QueryParam("page") @DefaultValue("0") int page,
                             @QueryParam("size") @DefaultValue("20") int size) {
        return service.runs(job, status, page, size);
    }

    @GET
    @Path("/runs/{id}")
    @RolesAllowed(Roles.VIEWER)
    public Uni<JobRunView> run(@PathParam("id") UUID id) {
        return service.run(id);
    }
}
