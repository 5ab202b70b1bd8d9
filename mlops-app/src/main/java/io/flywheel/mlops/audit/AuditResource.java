package io.flywheel.mlops.audit;

import io.flywheel.mlops.access.Roles;
import io.flywheel.shared.problem.Problem.FieldError;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The audit trail, newest first, and the verification of its hash chain. */
@Path("/api/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    static final int MAX_LIMIT = 1000;

    private final AuditLog log;

    public AuditResource(AuditLog log) {
        this.log = log;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    public Uni<List<AuditEntryView>> list(@QueryParam("target") String target, @QueryParam("before") Long before,
                                          @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "limit is out of range",
                    List.of(new FieldError("limit", "must be between 1 and " + MAX_LIMIT)));
        }
        return log.list(target, before, limit);
    }

    @GET
    @Path("/verify")
    @RolesAllowed(Roles.VIEWER)
    public Uni<ChainVerification> verify() {
        return log.verify();
    }
}
