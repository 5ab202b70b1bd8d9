package io.flywheel.inference.tabular;

import io.flywheel.inference.access.AuthFilter;
import io.flywheel.shared.inference.InferenceResponse;
import io.flywheel.shared.inference.ModelMetadata;
import io.flywheel.shared.inference.ModelReady;
import io.flywheel.shared.inference.ServerMetadata;
import io.flywheel.shared.inference.TabularSignature;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The Open Inference Protocol (KServe V2) over HTTP/REST for tabular models: server and model metadata, health, and
 * inference, also of an explicit served version. Canary routing is sticky per {@value #ROUTING_KEY_HEADER} (or the
 * request parameter {@code routing_key}), random without one. Every method answers on the event loop: none waits.
 */
@Path("/v2")
@Produces(MediaType.APPLICATION_JSON)
public class OpenInferenceResource {

    /** The header whose value routes a caller to the same version every time. */
    public static final String ROUTING_KEY_HEADER = "X-Flywheel-Routing-Key";
    /** Sent by clients of the binary tensor data extension, which this server does not implement. */
    private static final String BINARY_HEADER = "Inference-Header-Content-Length";
    private static final String SERVER_NAME = "flywheel-inference";

    private final InferenceService inference;
    private final ServedModels served;
    private final String appVersion;

    public OpenInferenceResource(InferenceService inference, ServedModels served,
                                 @ConfigProperty(name = "quarkus.application.version") String appVersion) {
        this.inference = inference;
        this.served = served;
        this.appVersion = appVersion;
    }

    @GET
    @NonBlocking
    public ServerMetadata server() {
        return new ServerMetadata(SERVER_NAME, appVersion, List.of());
    }

    @GET
    @Path("/health/live")
    @NonBlocking
    public Map<String, Boolean> live() {
        return Map.of("live", true);
    }

    /** Ready once the deployments from mlops-app have been applied (every listed model served or refused). */
    @GET
    @Path("/health/ready")
    @NonBlocking
    public Response ready() {
        boolean ready = served.hasReceivedDeployments();
        return Response.status(ready ? Response.Status.OK : Response.Status.SERVICE_UNAVAILABLE)
                .entity(Map.of("ready", ready)).build();
    }

    @GET
    @Path("/models/{name}")
    @NonBlocking
    public ModelMetadata metadata(@PathParam("name") String name) {
        ServingState state = served.require(name);
        return TabularSignature.metadata(name, state.versions().stream().map(ServedVersion::label).toList(),
                state.stable().compiled().schema());
    }

    @GET
    @Path("/models/{name}/versions/{version}")
    @NonBlocking
    public ModelMetadata versionMetadata(@PathParam("name") String name, @PathParam("version") String version) {
        ServedVersion answering = served.require(name, version);
        return TabularSignature.metadata(name, List.of(answering.label()), answering.compiled().schema());
    }

    @GET
    @Path("/models/{name}/ready")
    @NonBlocking
    public ModelReady modelReady(@PathParam("name") String name) {
        served.require(name);
        return new ModelReady(name, true);
    }

    @GET
    @Path("/models/{name}/versions/{version}/ready")
    @NonBlocking
    public ModelReady versionReady(@PathParam("name") String name, @PathParam("version") String version) {
        served.require(name, version);
        return new ModelReady(name, true);
    }

    @POST
    @Path("/models/{name}/infer")
    public Uni<InferenceResponse> infer(@PathParam("name") String name, byte[] body,
                                        @HeaderParam(ROUTING_KEY_HEADER) String routingKey,
                                        @HeaderParam(BINARY_HEADER) String binary,
                                        @Context ContainerRequestContext context) {
        refuseBinary(binary);
        return inference.infer(name, null, body, routingKey, AuthFilter.callerOf(context));
    }

    @POST
    @Path("/models/{name}/versions/{version}/infer")
    public Uni<InferenceResponse> inferVersion(@PathParam("name") String name, @PathParam("version") String version,
                                               byte[] body, @HeaderParam(BINARY_HEADER) String binary,
                                               @Context ContainerRequestContext context) {
        refuseBinary(binary);
        return inference.infer(name, version, body, null, AuthFilter.callerOf(context));
    }

    private static void refuseBinary(String binary) {
        if (binary != null) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "the binary tensor data extension ("
                    + BINARY_HEADER + ") is not supported; send the request as JSON");
        }
    }
}
