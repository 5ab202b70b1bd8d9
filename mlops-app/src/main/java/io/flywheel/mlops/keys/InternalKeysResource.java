package io.flywheel.mlops.keys;

import io.flywheel.mlops.access.Roles;
import io.flywheel.shared.access.KeyGrants;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The live keys for inference pods (hashes and limits, never keys), with an ETag so that an unchanged set costs a
 * 304. Internal: reachable pod-to-pod only (the NetworkPolicy of {@code src-k8s} keeps it off the ingress), and only with
 * the pods' token when access is on.
 */
@Path("/internal/keys")
@RolesAllowed(Roles.INFERENCE_POD)
public class InternalKeysResource {

    private final ApiKeyService service;

    public InternalKeysResource(ApiKeyService service) {
        this.service = service;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> keys(@HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return service.published().map(published -> published.etag().equals(ifNoneMatch)
                ? Response.notModified().header(HttpHeaders.ETAG, published.etag()).build()
                : Response.ok(new KeyGrants(published.grants())).header(HttpHeaders.ETAG, published.etag()).build());
    }
}
