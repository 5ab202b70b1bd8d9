package io.flywheel.mlops.documents;

import io.flywheel.mlops.access.Caller;
import io.flywheel.mlops.access.Roles;
import io.flywheel.mlops.persistence.Awaited;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;

/** The knowledge base the reindex job builds the assistant's index from (docs/rag-index.md). */
@Path("/api/documents")
public class DocumentResource {

    private final DocumentService documents;
    private final ReindexSettings settings;

    public DocumentResource(DocumentService documents, ReindexSettings settings) {
        this.documents = documents;
        this.settings = settings;
    }

    /**
     * Stores a document under its name: 201 new, 200 replaced or unchanged, 422 naming every problem, 413 when
     * larger than the limit. The body is read on a worker thread, at most one byte past the limit.
     */
    @PUT
    @Path("/{name}")
    @Consumes({MediaType.TEXT_PLAIN, "text/*", MediaType.APPLICATION_OCTET_STREAM})
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Blocking
    public Response put(@PathParam("name") String name, InputStream body, @Context SecurityContext caller) {
        byte[] bytes = readAtMost(body, settings.maxDocumentBytes());
        DocumentService.Stored stored = Awaited.result(
                () -> documents.put(name, bytes, Caller.of(caller)));
        Response.ResponseBuilder response = stored.change() == DocumentService.Change.CREATED
                ? Response.created(URI.create("/api/documents/" + name)) : Response.ok();
        return response.entity(stored.document()).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.VIEWER)
    public Uni<List<DocumentView>> list() {
        return documents.list();
    }

    @GET
    @Path("/{name}")
    @Produces("text/plain; charset=utf-8")
    @RolesAllowed(Roles.VIEWER)
    public Uni<byte[]> content(@PathParam("name") String name) {
        return documents.content(name);
    }

    @DELETE
    @Path("/{name}")
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> delete(@PathParam("name") String name, @Context SecurityContext caller) {
        return documents.delete(name, Caller.of(caller)).map(ignored -> Response.noContent().build());
    }

    private static byte[] readAtMost(InputStream body, int limit) {
        try (body) {
            byte[] bytes = body.readNBytes(limit + 1);
            if (bytes.length > limit) {
                throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "a document may have at most " + limit
                        + " bytes (flywheel.reindex.max-document-bytes)");
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("reading the document failed", e);
        }
    }
}
