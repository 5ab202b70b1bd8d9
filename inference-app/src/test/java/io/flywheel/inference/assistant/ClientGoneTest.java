package io.flywheel.inference.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import io.flywheel.inference.DatabaseTestResource;
import io.flywheel.inference.retrieval.QueryEmbedder;
import io.flywheel.inference.retrieval.RagIndexLoader;
import io.flywheel.shared.assistant.AssistantConfig;
import io.flywheel.testing.FakeOpenAi;
import io.flywheel.testing.FakeOpenAi.Fault;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A client that hangs up while the provider is still generating: the gateway closes its connection to the provider
 * (which stops generating, and charging) instead of letting the call run to its timeout, and starts no fallback for an
 * answer nobody will read. The provider here, {@code slow-llm}, would take a minute and its timeout is five, so
 * nothing but the hang-up closes its connections within the test's wait.
 */
@QuarkusTest
@QuarkusTestResource(DatabaseTestResource.class)
@QuarkusTestResource(FakeProviderResource.class)
class ClientGoneTest {

    private static final long PROVIDER_DELAY_MILLIS = 60_000;
    /** Far below the provider's delay and timeout; generous for a busy machine. */
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String TO_EXTRACTIVE = "flywheel_llm_fallbacks_total{from=\"primary\",to=\"extractive\"";
    private static final String DEGRADED = "flywheel_assistant_degraded_total";
    private static final String JSON = "{\"messages\":[{\"role\":\"user\",\"content\":\"How do I sort a list in "
            + "Python?\"}]%s}";

    @FakeProvider
    FakeOpenAi fake;
    @Inject
    RagIndexLoader loader;
    @Inject
    QueryEmbedder embedder;
    @Inject
    CircuitBreakerMaintenance circuits;
    @Inject
    ActiveAssistantConfig active;
    @TestHTTPResource("/")
    URI base;

    private ServedConfig builtIn;

    @BeforeEach
    void aConfigRoutedToAProviderThatTakesAMinute() {
        fake.reset();
        circuits.resetAll();
        TestIndex.serve(loader, embedder);
        fake.fault("slow", Fault.TIMEOUT).delayMillis("slow", PROVIDER_DELAY_MILLIS);
        builtIn = active.current();
        AssistantConfig defaults = AssistantConfig.defaults();
        active.swap(new ServedConfig(builtIn.name(), "slow", new AssistantConfig(defaults.prompts(),
                new AssistantConfig.Routing(new AssistantConfig.Route("slow-llm", "gpt-fake-large"), null),
                defaults.generation(), defaults.retrieval(), defaults.safety())));
    }

    @AfterEach
    void restore() {
        active.swap(builtIn);
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void aClientThatHangsUpStopsTheProviderCall(boolean stream) throws IOException {
        double abandoned = ProviderFaultsTest.metric("flywheel_llm_abandoned_total{provider=\"slow-llm\"");
        double toExtractive = ProviderFaultsTest.metric(TO_EXTRACTIVE);
        double degraded = ProviderFaultsTest.metric(DEGRADED);

        try (Socket client = new Socket(base.getHost(), base.getPort())) {
            byte[] body = JSON.formatted(stream ? ",\"stream\":true" : "").getBytes(StandardCharsets.UTF_8);
            OutputStream out = client.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: " + base.getHost() + "\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            awaitUntil("the provider received the request", () -> fake.requestCount("slow") >= 1);
        }

        awaitUntil("the provider saw every connection of the gateway close", () -> fake.abandonedCount("slow") >= 1
                && fake.abandonedCount("slow") == fake.requestCount("slow"));
        awaitUntil("the call counted as abandoned", () -> ProviderFaultsTest.metric(
                "flywheel_llm_abandoned_total{provider=\"slow-llm\"") > abandoned);
        assertThat(ProviderFaultsTest.metric(TO_EXTRACTIVE)).as("no fallback for a client that left")
                .isEqualTo(toExtractive);
        assertThat(ProviderFaultsTest.metric(DEGRADED)).as("no degraded answer composed").isEqualTo(degraded);
    }

    private static void awaitUntil(String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(WAIT);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as(what + " within " + WAIT).isBefore(deadline);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
