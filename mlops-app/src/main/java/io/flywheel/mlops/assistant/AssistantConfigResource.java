package io.flywheel.mlops.assistant;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.flywheel.mlops.access.Caller;
import io.flywheel.mlops.access.Roles;
import io.flywheel.mlops.registry.Attribution;
import io.flywheel.mlops.registry.NewVersion;
import io.flywheel.mlops.registry.RegistryQueries;
import io.flywheel.mlops.registry.RegistryService;
import io.flywheel.mlops.registry.Stage;
import io.flywheel.shared.assistant.AssistantConfig;
import io.flywheel.shared.assistant.AssistantConfigCodec;
import io.flywheel.shared.assistant.AssistantConfigValidator;
import io.flywheel.shared.deployment.ModelKind;
import io.flywheel.shared.problem.Problem.FieldError;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Editing the assistant's behaviour (docs/assistant.md): a new configuration — prompts, routing, parameters, safety
 * thresholds — is validated and registered as a new Staging version of an {@code assistant-config} model; versions are
 * never changed in place, and reach Production through the golden-set gate like any model.
 */
@Path("/api/assistant-configs")
@Produces(MediaType.APPLICATION_JSON)
public class AssistantConfigResource {

    private final RegistryService registry;
    private final RegistryQueries queries;

    public AssistantConfigResource(RegistryService registry, RegistryQueries queries) {
        this.registry = registry;
        this.queries = queries;
    }

    /** 201 with the new version; 400 for JSON that is not a configuration, 422 naming every invalid field. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    public Uni<Response> create(byte[] body, @QueryParam("name") @DefaultValue("assistant") String name,
                                @QueryParam("description") String description, @Context SecurityContext caller)
            throws JsonProcessingException {
        AssistantConfig config = AssistantConfigCodec.read(body);
        List<FieldError> errors = AssistantConfigValidator.withDefaultProviders().validate(config);
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "the assistant configuration is invalid: "
                    + errors.size() + " problem(s)", errors);
        }
        NewVersion version = NewVersion.of(name, ModelKind.ASSISTANT_CONFIG, AssistantConfigCodec.write(config))
                .withStage(Stage.STAGING)
                .withParams(params(config))
                .withDescription(description == null || description.isBlank() ? "assistant configuration" : description);
        return registry.register(version, Attribution.api(Caller.of(caller), "assistant configuration edited"))
                .map(view -> Response.created(URI.create("/api/assistant-configs/" + name + "/versions/"
                        + view.version())).entity(view).build());
    }

    /** The configuration of one version (a number or an alias). */
    @GET
    @Path("/{name}/versions/{version}")
    @RolesAllowed(Roles.VIEWER)
    public Uni<AssistantConfig> version(@PathParam("name") String name, @PathParam("version") String version) {
        return queries.version(name, version).chain(view -> {
            if (view.kind() != ModelKind.ASSISTANT_CONFIG) {
                return Uni.createFrom().failure(new ProblemException(ProblemType.NOT_FOUND, name
                        + " is a " + view.kind().label() + " model, not an assistant configuration"));
            }
            return registry.artifact(name, view.version()).map(artifact -> read(artifact.bytes()));
        });
    }

    private static AssistantConfig read(byte[] bytes) {
        try {
            return AssistantConfigCodec.read(bytes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored assistant-config artifact does not read", e);
        }
    }

    /** The settings worth seeing in a version listing and a comparison, as the registry's string params. */
    private static Map<String, String> params(AssistantConfig config) {
        Map<String, String> params = new LinkedHashMap<>();
        AssistantConfig.Routing routing = config.routing();
        params.put("primary", routing.primary().provider() + "/" + routing.primary().model());
        if (routing.fallback() != null) {
            params.put("fallback", routing.fallback().provider() + "/" + routing.fallback().model());
        }
        params.put("temperature", Double.toString(config.generation().temperature()));
        params.put("max_tokens", Integer.toString(config.generation().maxTokens()));
        params.put("k", Integer.toString(config.retrieval().k()));
        params.put("min_score", Double.toString(config.retrieval().minScore()));
        return params;
    }
}
