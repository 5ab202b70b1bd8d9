package io.flywheel.inference.assistant;

import io.flywheel.inference.access.AuthFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/** Answers already given: re-personalisation for authorised, audited callers. */
@Path("/v1/answers")
public class AnswerResource {

    private final Repersonalizer repersonalizer;

    public AnswerResource(Repersonalizer repersonalizer) {
        this.repersonalizer = repersonalizer;
    }

    @POST
    @Path("/{id}/repersonalize")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Repersonalizer.Repersonalized> repersonalize(@PathParam("id") String id,
                                                            @Context ContainerRequestContext context) {
        return repersonalizer.repersonalize(id, AuthFilter.callerOf(context));
    }
}
