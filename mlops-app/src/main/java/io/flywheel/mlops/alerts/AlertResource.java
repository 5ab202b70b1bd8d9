package io.flywheel.mlops.alerts;

import io.flywheel.mlops.access.Roles;
import io.flywheel.shared.problem.Problem.FieldError;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import io.flywheel.shared.signing.RequestSignatures;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;

/**
 * Alerts: {@code POST} takes Alertmanager's webhook (authenticated by its HMAC signature, not by a role: the signing
 * relay holds the alert key, not an API key), {@code GET} lists what was received with the agent's diagnosis and
 * actions.
 */
@Path("/api/alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {

    private final AlertIntake intake;
    private final AlertQueries queries;
    private final AlertSettings settings;

    public AlertResource(AlertIntake intake, AlertQueries queries, AlertSettings settings) {
        this.intake = intake;
        this.queries = queries;
        this.settings = settings;
    }

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> receive(byte[] body, @HeaderParam(RequestSignatures.TIMESTAMP_HEADER) String timestamp,
                                 @HeaderParam(RequestSignatures.SIGNATURE_HEADER) String signature,
                                 @Context HttpServerRequest request) {
        if (body.length > settings.maxBodyBytes()) {
            throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "an alert delivery may hold at most "
                    + settings.maxBodyBytes() + " bytes");
        }
        String remote = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        return intake.receive(body, timestamp, signature, remote)
                .map(receipt -> Response.accepted(receipt).build());
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    public Uni<List<AlertView>> list(@QueryParam("limit") @DefaultValue("50") int limit) {
        if (limit < 1 || limit > settings.maxListed()) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "limit is out of range",
                    List.of(new FieldError("limit", "must be between 1 and " + settings.maxListed())));
        }
        return queries.newest(limit);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.VIEWER)
    public Uni<AlertView> get(@PathParam("id") UUID id) {
        return queries.get(id);
    }
}
