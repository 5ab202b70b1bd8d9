package io.flywheel.mlops.drift;

import io.flywheel.mlops.access.Roles;
import io.flywheel.shared.problem.Problem.FieldError;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;

/**
 * Drift reports: the list (of a model, newest first), one report as JSON, or as a printable HTML page
 * ({@code /{id}.html}, {@code ?format=html} or {@code Accept: text/html}).
 */
@Path("/api/drift/reports")
public class DriftReportResource {

    static final int MAX_PAGE_SIZE = 500;

    private final DriftReports reports;

    public DriftReportResource(DriftReports reports) {
        this.reports = reports;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance report(DriftPage page);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.VIEWER)
    public Uni<List<DriftReportSummary>> list(@QueryParam("model") String model,
                                              @QueryParam("page") @DefaultValue("0") int page,
                                              @QueryParam("size") @DefaultValue("100") int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "page must be >= 0 and size within 1.."
                    + MAX_PAGE_SIZE, List.of(new FieldError(page < 0 ? "page" : "size", "out of range")));
        }
        return reports.list(model, page, size);
    }

    @GET
    @Path("/{id}")
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_HTML})
    @RolesAllowed(Roles.VIEWER)
    public Uni<Response> get(@PathParam("id") String id, @QueryParam("format") String format,
                             @Context HttpHeaders headers) {
        boolean html = "html".equals(format) || (format == null && prefersHtml(headers));
        if (format != null && !List.of("html", "json").contains(format)) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "format must be json or html",
                    List.of(new FieldError("format", "json or html, was '" + format + "'")));
        }
        return html ? page(id) : reports.get(parse(id)).map(report -> Response.ok(report,
                MediaType.APPLICATION_JSON_TYPE).build());
    }

    @GET
    @Path("/{id}.html")
    @Produces(MediaType.TEXT_HTML)
    @RolesAllowed(Roles.VIEWER)
    public Uni<Response> html(@PathParam("id") String id) {
        return page(id);
    }

    private Uni<Response> page(String id) {
        return reports.get(parse(id)).map(report -> Response.ok(Templates.report(DriftPage.of(report)).render(),
                MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build());
    }

    /** HTML only when the client ranks it above JSON (a browser); API clients and {@code * / *} get JSON. */
    private static boolean prefersHtml(HttpHeaders headers) {
        for (MediaType type : headers.getAcceptableMediaTypes()) {
            if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE) && !type.isWildcardType()) {
                return false;
            }
            if (type.isCompatible(MediaType.TEXT_HTML_TYPE) && !type.isWildcardType()) {
                return true;
            }
        }
        return false;
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.NOT_FOUND, "no drift report " + id + " (report ids are UUIDs)");
        }
    }
}
