package io.flywheel.inference.assistant;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The assistant gateway: its name, its LLM providers, request limits, retries, agent mode and the interaction log. */
@ConfigMapping(prefix = "flywheel.assistant")
public interface AssistantSettings {

    /** The name clients pass as {@code model}: the {@code assistant-config} model served by this gateway. */
    @WithDefault("assistant")
    String name();

    /**
     * LLM providers by name ({@code flywheel.assistant.providers.openai.base-url=...}); assistant-config versions route
     * to them by that name. Each is an OpenAI-compatible endpoint: OpenAI, vLLM, LM Studio, or Ollama's {@code /v1}.
     * None by default: the gateway then answers extractively.
     */
    Map<String, Provider> providers();

    /**
     * Routing that replaces the built-in configuration's until mlops-app deploys an assistant-config version, so a
     * gateway can use an LLM without the registry.
     */
    Routing routing();

    Limits limits();

    Retry retry();

    Agent agent();

    Log log();

    /** One OpenAI-compatible endpoint. */
    interface Provider {
        /** Base URL including the version path, e.g. {@code https://api.openai.com/v1}. */
        String baseUrl();

        /** The bearer key, if the endpoint needs one (from a Secret in Kubernetes). */
        Optional<String> apiKey();

        /** HTTP read timeout of one call; the fault-tolerance timeout around the call is usually shorter. */
        @WithDefault("30s")
        Duration timeout();

        /** Price of 1,000 prompt tokens, in the currency of the cost metric (USD by convention). */
        @WithDefault("0")
        double inputPricePer1k();

        /** Price of 1,000 completion tokens. */
        @WithDefault("0")
        double outputPricePer1k();
    }

    /** Routing overrides; each is optional. */
    interface Routing {
        Optional<String> primaryProvider();

        Optional<String> primaryModel();

        Optional<String> fallbackProvider();

        Optional<String> fallbackModel();
    }

    /** Limits on what a request may carry; beyond them a request is refused before any work. */
    interface Limits {
        /** Largest request body, in bytes (413 beyond). */
        @WithDefault("262144")
        int maxBodyBytes();

        /** Most messages in one conversation (422 beyond). */
        @WithDefault("64")
        int maxMessages();

        /** Longest answer accepted from a provider, in characters (the output check refuses longer ones). */
        @WithDefault("8000")
        int maxAnswerChars();
    }

    /** Retry policy at the provider seam (see {@code ProviderBackoff}). */
    interface Retry {
        /** First backoff; each retry doubles it, with full jitter. */
        @WithDefault("200ms")
        Duration initialBackoff();

        /** Largest backoff between two attempts. */
        @WithDefault("4s")
        Duration maxBackoff();

        /** Largest wait a provider's {@code Retry-After} may impose; beyond it the attempt goes to the fallback. */
        @WithDefault("10s")
        Duration maxRetryAfter();
    }

    /** Agent mode. */
    interface Agent {
        /** Whether questions that ask for live platform state are routed to the agent (needs an LLM provider). */
        @WithDefault("true")
        boolean enabled();

        /**
         * Routing rules: a question matching one of these (case-insensitive) regular expressions goes to the agent;
         * everything else goes to retrieval. The defaults catch questions about a model's status, stage or version,
         * and asking for the risk, score or prediction of a loan, an application or a row (the scoring tool).
         */
        @WithDefault("(status|stage|version|deployed|production|staging|metrics)[^.?!]* models?( |$|[.?!]),"
                + "models? [^.?!]*(status|stage|version|deployed|production|staging|metrics),"
                + "(risk|score|probability|predict)[^.?!]*(loan|application|applicant|row)s?( |$|[.?!:])")
        List<String> intents();

        /** Longest tool result given back to the model, in characters. */
        @WithDefault("4000")
        int maxToolResultChars();

        /** Most model ↔ tool round trips in one request. */
        @WithDefault("4")
        int maxSteps();

        /** Most tool calls in one request. */
        @WithDefault("6")
        int maxToolCalls();

        /** Wall-clock budget of the whole agent run; past it the agent answers with what it has. */
        @WithDefault("20s")
        Duration timeBudget();

        /** Timeout of one registry call (to mlops-app at {@code flywheel.mlops.url}). */
        @WithDefault("2s")
        Duration registryTimeout();
    }

    /** The interaction log, written in the background. */
    interface Log {
        /** Entries waiting to be written; beyond it new entries are dropped and counted. */
        @WithDefault("10000")
        int queueCapacity();

        /** Most entries written in one batch. */
        @WithDefault("500")
        int batchSize();

        /** How often the writer drains the queue. */
        @WithDefault("200ms")
        Duration flushInterval();

        /** How long a stopping pod waits for the last entries to be written. */
        @WithDefault("10s")
        Duration shutdownTimeout();
    }
}
