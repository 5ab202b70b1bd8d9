package io.flywheel.mlops.data;

import io.flywheel.shared.problem.Problem;
import io.flywheel.shared.problem.ProblemType;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses an upload whose declared length is over the dataset limit with a 413 problem before a byte of it is read,
 * and closes the connection so a client streaming 2 GB stops. It runs just ahead of Quarkus' own body limit (which
 * answers without a body); an upload without a length is counted as it streams ({@link UploadLimit}).
 */
@ApplicationScoped
public class UploadSizeGuard {

    private static final String PATH = "/api/datasets";

    private final DatasetSettings settings;

    public UploadSizeGuard(DatasetSettings settings) {
        this.settings = settings;
    }

    void register(@Observes Router router) {
        router.route(HttpMethod.POST, PATH).order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::check);
    }

    private void check(RoutingContext context) {
        String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        long limit = settings.maxUploadSize().asLongValue();
        if (declared != null && isOver(declared, limit)) {
            Problem problem = UploadLimit.tooLarge(limit).problem().at(PATH);
            context.response().setStatusCode(ProblemType.PAYLOAD_TOO_LARGE.status())
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .endHandler(ignored -> context.request().connection().close())
                    .end(Json.encode(problem));
            return;
        }
        context.next();
    }

    private static boolean isOver(String declared, long limit) {
        try {
            return Long.parseLong(declared.strip()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
