package io.flywheel.mlops.audit;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;

/** Appends to the audit log the way a capability does (inside its transaction), or wrongly (outside one); tests only. */
@Path("/test-audit")
@PermitAll
@Consumes(MediaType.APPLICATION_JSON)
public class AuditProbeResource {

    private final AuditLog log;

    public AuditProbeResource(AuditLog log) {
        this.log = log;
    }

    @POST
    @WithTransaction
    public Uni<Long> append(AuditRecord record) {
        return log.append(record).map(entry -> entry.seq);
    }

    @POST
    @Path("/outside-transaction")
    @WithSession
    public Uni<Long> appendOutsideTransaction(AuditRecord record) {
        return log.append(record).map(entry -> entry.seq);
    }
}
