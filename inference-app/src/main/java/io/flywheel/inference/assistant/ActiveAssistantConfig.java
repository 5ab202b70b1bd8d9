package io.flywheel.inference.assistant;

import io.flywheel.shared.assistant.AssistantConfig;
import io.flywheel.shared.assistant.AssistantConfig.Route;
import io.flywheel.shared.assistant.AssistantConfig.Routing;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * The assistant configuration in force. Until mlops-app deploys an {@code assistant-config} version, the built-in
 * default ({@link AssistantConfig#defaults()}: extractive, no LLM) with the routing of
 * {@code flywheel.assistant.routing.*} applied; then the deployed version, swapped in whole ({@link #swap}) so a
 * request sees one version from start to end.
 */
@ApplicationScoped
public class ActiveAssistantConfig {

    private static final Logger LOG = Logger.getLogger(ActiveAssistantConfig.class);
    /** The version label of the built-in configuration. */
    public static final String BUILT_IN = "default";

    private final AtomicReference<ServedConfig> current;

    public ActiveAssistantConfig(AssistantSettings settings) {
        this.current = new AtomicReference<>(new ServedConfig(settings.name(), BUILT_IN, builtIn(settings)));
    }

    public ServedConfig current() {
        return current.get();
    }

    /** Serves {@code next} from now on. */
    public void swap(ServedConfig next) {
        ServedConfig previous = current.getAndSet(next);
        LOG.infof("serving assistant-config %s v%s, replacing v%s", next.name(), next.version(), previous.version());
    }

    static AssistantConfig builtIn(AssistantSettings settings) {
        AssistantConfig defaults = AssistantConfig.defaults();
        AssistantSettings.Routing overrides = settings.routing();
        if (overrides.primaryProvider().isEmpty()) {
            return defaults;
        }
        Route primary = new Route(overrides.primaryProvider().get(), overrides.primaryModel().orElse("default"));
        Route fallback = overrides.fallbackProvider()
                .map(provider -> new Route(provider, overrides.fallbackModel().orElse("default"))).orElse(null);
        return new AssistantConfig(defaults.prompts(), new Routing(primary, fallback), defaults.generation(),
                defaults.retrieval(), defaults.safety());
    }
}
