package io.flywheel.mlops.registry;

import io.flywheel.mlops.access.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.jboss.resteasy.reactive.PartType;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** The versions of a model: list, register (artifact upload), read, artifact bytes, stage transitions. */
@Path("/api/models/{name}/versions")
@Produces(MediaType.APPLICATION_JSON)
public class ModelVersionResource {

    /** RFC 9530's header for the digest of the bytes served, for clients that check it without knowing ETags. */
    static final String REPR_DIGEST = "Repr-Digest";

    private final RegistryService registry;
    private final RegistryQueries queries;
    private final RegistryConfig config;
    private final Vertx vertx;

    public ModelVersionResource(RegistryService registry, RegistryQueries queries, RegistryConfig config, Vertx vertx) {
        this.registry = registry;
        this.queries = queries;
        this.config = config;
        this.vertx = vertx;
    }

    /** Newest first; {@code ?stage=Production} keeps one stage. */
    @GET
    @RolesAllowed(Roles.VIEWER)
    public Uni<List<VersionView>> versions(@PathParam("name") String name, @QueryParam("stage") String stage) {
        Stage wanted = stage == null ? null : Stage.parse(stage);
        if (stage != null && wanted == null) {
            throw ModelResource.invalid("stage", "must be one of None, Staging, Production, Archived");
        }
        return queries.versions(name, wanted);
    }

    /**
     * Registers a version from an uploaded artifact (part {@code artifact}) and its metadata (part {@code metadata},
     * JSON, see {@link VersionMetadata}); 201 with the version.
     */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed(Roles.OPERATOR)
    public Uni<Response> register(@PathParam("name") String name, @RestForm("artifact") FileUpload artifact,
                                  @RestForm("metadata") @PartType(MediaType.APPLICATION_JSON) VersionMetadata metadata,
                                  @Context SecurityContext caller) {
        if (artifact == null) {
            throw ModelResource.invalid("artifact", "a multipart part 'artifact' with the artifact bytes is required");
        }
        // refused before its bytes are read into memory
        RegistryValidation.checkArtifactSize(artifact.size(), config.maxArtifactSize().asLongValue());
        VersionMetadata described = metadata == null
                ? new VersionMetadata(null, null, null, null, null, null, null, null, null, null) : metadata;
        return vertx.fileSystem().readFile(artifact.uploadedFile().toString())
                .chain(bytes -> registry.register(described.toNewVersion(name, bytes.getBytes()),
                        Attribution.api(caller, null)))
                .map(version -> Response.created(URI.create("/api/models/" + name + "/versions/" + version.version()))
                        .entity(version).build());
    }

    /** One version, by number or alias. */
    @GET
    @Path("/{version}")
    @RolesAllowed(Roles.VIEWER)
    public Uni<VersionView> version(@PathParam("name") String name, @PathParam("version") String version) {
        return queries.version(name, version);
    }

    /** The artifact bytes; ETag is their sha256, so that {@code If-None-Match} with it answers 304. */
    @GET
    @Path("/{version}/artifact")
    @Produces({MediaType.APPLICATION_OCTET_STREAM, MediaType.APPLICATION_JSON})
    @RolesAllowed(Roles.VIEWER)
    public Uni<Response> artifact(@PathParam("name") String name, @PathParam("version") String version,
                                  @Context Request request) {
        return queries.stored(name, version).chain(found -> {
            EntityTag tag = new EntityTag(found.sha256());
            Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
            if (notModified != null) {
                return Uni.createFrom().item(notModified.build());
            }
            return registry.artifact(name, found.version()).map(stored -> Response.ok(stored.bytes(),
                            MediaType.APPLICATION_OCTET_STREAM_TYPE).tag(tag)
                    .header(REPR_DIGEST, "sha-256=:" + Base64.getEncoder().encodeToString(
                            HexFormat.of().parseHex(stored.sha256())) + ":")
                    .build());
        });
    }

    /** Moves the version to another stage; 409 naming the rule when the move is not allowed. */
    @POST
    @Path("/{version}/stage")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    public Uni<VersionView> transition(@PathParam("name") String name, @PathParam("version") String version,
                                       StageChange change, @Context SecurityContext caller) {
        return queries.version(name, version).chain(found -> registry.transition(name, found.version(), change,
                Attribution.api(caller, null)));
    }
}
