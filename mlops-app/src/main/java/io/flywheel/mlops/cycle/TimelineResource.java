package io.flywheel.mlops.cycle;

import io.flywheel.mlops.access.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** A model's cycle as one timeline: job runs, verdicts, rollouts and their steps, stage changes, alerts, approvals. */
@Path("/api/models/{name}/timeline")
@Produces(MediaType.APPLICATION_JSON)
public class TimelineResource {

    private final CycleTimeline timeline;

    public TimelineResource(CycleTimeline timeline) {
        this.timeline = timeline;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    public Uni<List<TimelineEntry>> timeline(@PathParam("name") String name) {
        return timeline.of(name);
    }
}
