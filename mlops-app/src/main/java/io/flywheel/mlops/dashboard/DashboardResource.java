package io.flywheel.mlops.dashboard;

import io.flywheel.mlops.access.Roles;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The operator dashboard. A page is a shell (navigation and the API-key box, no data, open to all) whose script loads
 * the page's part — server-rendered HTML, read with the viewer role — with the key the operator entered, as
 * {@code Authorization: Bearer}; actions go to the JSON APIs the same way (docs/dashboard.md says why).
 */
@Path("/dashboard")
public class DashboardResource {

    static final List<String> PAGES = List.of("models", "jobs", "approvals", "drift", "rollouts", "audit", "replay",
            "reports");
    static final int REPORTS = 100;
    /** The shell and every part it loads come from this app only: no inline script, nothing from elsewhere. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data: blob:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

    private final ModelPanels models;
    private final DashboardService dashboard;
    private final ReplayService replay;
    private final DriftPanels drift;
    private final RolloutPanels rollouts;
    private final Template shell;
    private final Template modelsPart;
    private final Template jobsPart;
    private final Template approvalsPart;
    private final Template auditPart;
    private final Template replayPart;
    private final Template reportsPart;
    private final Template driftPart;
    private final Template rolloutsPart;

    public DashboardResource(ModelPanels models, DashboardService dashboard, ReplayService replay,
                             DriftPanels drift, RolloutPanels rollouts,
                             @Location("dashboard/shell.html") Template shell,
                             @Location("dashboard/models.html") Template modelsPart,
                             @Location("dashboard/jobs.html") Template jobsPart,
                             @Location("dashboard/approvals.html") Template approvalsPart,
                             @Location("dashboard/audit.html") Template auditPart,
                             @Location("dashboard/replay.html") Template replayPart,
                             @Location("dashboard/reports.html") Template reportsPart,
                             @Location("dashboard/drift.html") Template driftPart,
                             @Location("dashboard/rollouts.html") Template rolloutsPart) {
        this.models = models;
        this.dashboard = dashboard;
        this.replay = replay;
        this.shell = shell;
        this.modelsPart = modelsPart;
        this.jobsPart = jobsPart;
        this.approvalsPart = approvalsPart;
        this.auditPart = auditPart;
        this.replayPart = replayPart;
        this.reportsPart = reportsPart;
        this.drift = drift;
        this.rollouts = rollouts;
        this.driftPart = driftPart;
        this.rolloutsPart = rolloutsPart;
    }

    @GET
    @PermitAll
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> home() {
        return page("models");
    }

    /** A page's shell: it holds no data, which is why anyone may load it; its part needs the viewer role. */
    @GET
    @Path("/{page}")
    @PermitAll
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> page(@PathParam("page") String page) {
        if (!PAGES.contains(page)) {
            throw new ProblemException(ProblemType.NOT_FOUND, "the dashboard has no page '" + page + "'");
        }
        return shell.data("page", page).data("pages", PAGES).createUni()
                .map(html -> Response.ok(html, MediaType.TEXT_HTML_TYPE)
                        .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                        .header("Cache-Control", "no-store").build());
    }

    @GET
    @Path("/parts/models")
    @RolesAllowed(Roles.VIEWER)
    @Produces(MediaType.TEXT_HTML)
    public Uni<String> models() {
        return render(models.panels(), modelsPart, "models");
    }

    @GET
    @Path("/parts/jobs")
    @RolesAllowed(Roles.VIEWER)
    @Produces(MediaType.TEXT_HTML)
    public Uni<String> jobs() {
        return render(dashboard.jobs(), jobsPart, "page");
    }

    @GET
    @Path("/parts/approvals")
    @RolesAllowed(Roles.VIEWER)
    @Produces(MediaType.TEXT_HTML)
    public Uni<String> approvals() {
        return render(dashboard.approvals(), approvalsPart, "queue");
    }

    @GET
    @Path("/parts/audit")
    @RolesAllowed(Roles.VIEWER)
    @Produces(MediaType.TEXT_HTML)
    public Uni<String> audit() {
        return render(dashboard.audit(), auditPart, "audit");
    }

    @GET
    @Path("/parts/drift")
    @RolesAllowed(Roles.VIEWER)
    @Produces(MediaType.TEXT_HTML)
    public Uni<String> drift() {
        return render(drift.panels(), driftPart, "models");
    }

    /** Pause, resume, promote and abort are the rollout API's own endpoints (operator), called by the script. */
    @GET
    @Path("/parts/rollouts")
    @RolesAllowed(Roles.VIEWER)
    @Produces(MediaType.TEXT_HTML)
    public Uni<String> rollouts() {
        return render(rollouts.panels(), rolloutsPart, "rollouts");
    }

    /** Replaying scores, but changes nothing and records nothing: a read, so the viewer role. */
    @GET
    @Path("/parts/replay")
    @RolesAllowed(Roles.VIEWER)
    @Produces(MediaType.TEXT_HTML)
    public Uni<String> replay(@QueryParam("model") String model, @QueryParam("rows") Integer rows) {
        return render(replay.replay(model, rows), replayPart, "replay");
    }

    @GET
    @Path("/parts/reports")
    @RolesAllowed(Roles.VIEWER)
    @Produces(MediaType.TEXT_HTML)
    public Uni<String> reports() {
        return render(dashboard.reports(REPORTS), reportsPart, "reports");
    }

    /** A part: the template rendered with the data under the name the template uses. */
    private static <T> Uni<String> render(Uni<T> data, Template template, String name) {
        return data.chain(value -> template.data(name, value).createUni());
    }
}
