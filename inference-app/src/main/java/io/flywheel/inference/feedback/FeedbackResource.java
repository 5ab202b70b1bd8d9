package io.flywheel.inference.feedback;

import io.flywheel.inference.access.AuthFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Ground truth and ratings: what retraining and the golden set learn from. 201 when new, 200 when replaced. */
@Path("/v1/feedback")
public class FeedbackResource {

    private final FeedbackService service;

    public FeedbackResource(FeedbackService service) {
        this.service = service;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> give(FeedbackRequest request, @Context ContainerRequestContext context) {
        return service.record(request, AuthFilter.callerOf(context)).map(receipt ->
                Response.status(receipt.created() ? Response.Status.CREATED : Response.Status.OK).entity(receipt)
                        .build());
    }
}
