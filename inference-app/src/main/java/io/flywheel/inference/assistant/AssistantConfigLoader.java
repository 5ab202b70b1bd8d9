package io.flywheel.inference.assistant;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.flywheel.inference.generation.ExtractiveAnswerer;
import io.flywheel.shared.assistant.AssistantConfig;
import io.flywheel.shared.assistant.AssistantConfigCodec;
import io.flywheel.shared.assistant.AssistantConfigValidator;
import io.flywheel.shared.hashing.Sha256;
import io.flywheel.shared.problem.Problem.FieldError;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns {@code assistant-config} artifact bytes into the served configuration: verifies their sha256, reads them,
 * validates them against the providers this pod knows, and swaps them in. This is the seam the deployment sync calls
 * for the {@code assistant-config} kind; a version that fails any check is refused and the served one stays.
 */
@ApplicationScoped
public class AssistantConfigLoader {

    private final ActiveAssistantConfig active;
    private final AssistantSettings settings;

    public AssistantConfigLoader(ActiveAssistantConfig active, AssistantSettings settings) {
        this.active = active;
        this.settings = settings;
    }

    /**
     * Checks and serves one version.
     *
     * @throws IllegalArgumentException when the bytes do not match their sha256, do not parse, or are not valid here
     */
    public ServedConfig deploy(String model, String version, byte[] artifact, String expectedSha256) {
        Sha256.requireMatch(artifact, expectedSha256, model + " v" + version);
        AssistantConfig config;
        try {
            config = AssistantConfigCodec.read(artifact);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(model + " v" + version + " is not an assistant configuration: "
                    + e.getOriginalMessage(), e);
        }
        Set<String> providers = new HashSet<>(settings.providers().keySet());
        providers.add(ExtractiveAnswerer.PROVIDER);
        List<FieldError> errors = new AssistantConfigValidator(providers).validate(config);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(model + " v" + version + " cannot be served here: " + errors.stream()
                    .map(error -> error.field() + " " + error.message()).collect(Collectors.joining("; ")));
        }
        ServedConfig served = new ServedConfig(model, version, config);
        active.swap(served);
        return served;
    }

    static String sha256(byte[] bytes) {
        return Sha256.hex(bytes);
    }
}
