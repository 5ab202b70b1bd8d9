package io.flywheel.mlops.data;

import io.flywheel.mlops.access.Caller;
import io.flywheel.mlops.access.Roles;
import io.smallrye.common.annotation.Blocking;
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
import java.io.InputStream;
import java.net.URI;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/**
 * Dataset snapshots: upload a CSV (201 for a new snapshot, 200 when the same content is there already), list them,
 * read one with its schema, profile and validation.
 */
@Path("/api/datasets")
@Produces(MediaType.APPLICATION_JSON)
public class DatasetResource {

    private final DatasetService service;
    private final FeedbackSnapshots feedback;

    public DatasetResource(DatasetService service, FeedbackSnapshots feedback) {
        this.service = service;
        this.feedback = feedback;
    }

    /** Blocking on purpose: the body is read as a stream, row by row, on a worker thread, never held whole. */
    @POST
    @Consumes({"text/csv", "application/csv", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    @RolesAllowed(Roles.OPERATOR)
    @Blocking
    public Response upload(InputStream body, @QueryParam("name") String name, @QueryParam("label") String label,
                           @QueryParam("positive_class") String positiveClass,
                           @QueryParam("features") List<String> features,
                           @QueryParam("categorical") List<String> categorical,
                           @QueryParam("numeric") List<String> numeric, @QueryParam("delimiter") String delimiter,
                           @Context SecurityContext caller) {
        UploadRequest request = new UploadRequest(name, label, positiveClass, split(features), split(categorical),
                split(numeric), delimiter);
        DatasetService.Stored stored = service.upload(body, request, Caller.of(caller));
        return (stored.created() ? Response.created(URI.create("/api/datasets/" + stored.view().id()))
                : Response.ok()).entity(stored.view()).build();
    }

    /**
     * A snapshot of a model's labelled predictions (log ⨝ feedback) over the last {@code hours} or the newest
     * {@code rows}; 201 when new, 200 when the same rows were snapshotted already. Blocking: the join is streamed on a worker thread.
     */
    @POST
    @Path("/snapshots")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Blocking
    public Response snapshotFromFeedback(FeedbackSnapshotRequest request, @Context SecurityContext caller)
            throws SQLException {
        FeedbackSnapshotRequest checked = FeedbackSnapshotRequest.checked(request);
        DatasetService.Stored stored = feedback.build(checked.model(), checked.window(), Caller.of(caller));
        return (stored.created() ? Response.created(URI.create("/api/datasets/" + stored.view().id()))
                : Response.ok()).entity(stored.view()).build();
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    public Uni<List<DatasetSummary>> list(@QueryParam("name") String name) {
        return service.list(name);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.VIEWER)
    public Uni<DatasetView> get(@PathParam("id") String id) {
        return service.get(id);
    }

    /** {@code ?features=a,b&features=c} and {@code ?features=a,b,c} mean the same. */
    private static List<String> split(List<String> values) {
        return values == null ? List.of() : values.stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::strip)
                .filter(value -> !value.isEmpty())
                .toList();
    }
}
