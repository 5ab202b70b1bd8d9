package io.flywheel.inference.assistant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.flywheel.inference.DatabaseTestResource;
import io.flywheel.inference.retrieval.QueryEmbedder;
import io.flywheel.inference.retrieval.RagIndexLoader;
import io.flywheel.testing.FakeOpenAi;
import io.flywheel.testing.FakeOpenAi.Fault;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every provider fault the fake can inject, against the real gateway: the client always gets a 200 with an answer
 * (from the fallback provider, or extractive and flagged), never a 5xx, over 1,000 requests per fault.
 */
@QuarkusTest
@QuarkusTestResource(DatabaseTestResource.class)
@QuarkusTestResource(FakeProviderResource.class)
class ProviderFaultsTest {

    private static final int REQUESTS = Integer.getInteger("flywheel.faults.requests", 1_000);
    private static final int CLIENTS = 16;
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
    @TestHTTPResource("/v1/chat/completions")
    URI completions;

    @BeforeEach
    void healthyProvidersAndAnIndex() {
        fake.reset();
        circuits.resetAll();
        TestIndex.serve(loader, embedder);
        fake.delayMillis("primary", 1_500).delayMillis("fallback", 1_500);
    }

    @Test
    void aRateLimitIsRetriedAfterTheProviderSaysAndThePrimaryStillAnswers() {
        fake.retryAfter("primary", "0.3").faultFor("primary", Fault.RATE_LIMITED, 1);
        double honoured = metric("flywheel_llm_retry_after_honoured_total");

        given().contentType("application/json").body(JSON.formatted("")).when().post("/v1/chat/completions").then()
                .statusCode(200)
                .body("flywheel.provider", equalTo("primary-llm"))
                .body("flywheel.degraded", equalTo(false));

        assertThat(fake.requestCount("primary")).isEqualTo(2);
        assertThat(metric("flywheel_llm_retry_after_honoured_total")).isEqualTo(honoured + 1);
    }

    @Test
    void aRetryAfterBeyondTheCapGoesToTheFallbackAtOnce() {
        fake.retryAfter("primary", "30").fault("primary", Fault.RATE_LIMITED);

        given().contentType("application/json").body(JSON.formatted("")).when().post("/v1/chat/completions").then()
                .statusCode(200)
                .body("flywheel.provider", equalTo("fallback-llm"))
                .body("flywheel.degraded", equalTo(true))
                .body("flywheel.degraded_reason", containsString("primary primary-llm: rate-limited"));

        assertThat(fake.requestCount("primary")).isEqualTo(1);
    }

    @Test
    void aServerErrorIsRetriedAndTheRetrySucceeds() {
        fake.faultFor("primary", Fault.ERROR_500, 1);

        given().contentType("application/json").body(JSON.formatted("")).when().post("/v1/chat/completions").then()
                .statusCode(200)
                .body("flywheel.provider", equalTo("primary-llm"))
                .body("flywheel.degraded", equalTo(false));
        assertThat(fake.requestCount("primary")).isEqualTo(2);
    }

    @Test
    void aServerErrorIsRetriedWithoutWaitingForTheRetryAfterOfAnEarlierResponse() {
        // given an earlier answer that asked to wait 30 s (beyond the cap: that request went to the fallback)
        fake.retryAfter("primary", "30").faultFor("primary", Fault.RATE_LIMITED, 1);
        given().contentType("application/json").body(JSON.formatted("")).when().post("/v1/chat/completions").then()
                .statusCode(200).body("flywheel.provider", equalTo("fallback-llm"));
        // when the next request meets a 500 that asks for no wait at all
        fake.faultFor("primary", Fault.ERROR_500, 1);
        double honoured = metric("flywheel_llm_retry_after_honoured_total");

        given().contentType("application/json").body(JSON.formatted("")).when().post("/v1/chat/completions").then()
                .statusCode(200)
                .body("flywheel.provider", equalTo("primary-llm"))
                .body("flywheel.degraded", equalTo(false));

        // then the retry used the ordinary backoff, not the stale 30 s
        assertThat(fake.requestCount("primary")).isEqualTo(3);
        assertThat(metric("flywheel_llm_retry_after_honoured_total")).isEqualTo(honoured);
    }

    @Test
    void aServiceUnavailableAskingToWaitBeyondTheCapGoesToTheFallbackAtOnce() {
        fake.retryAfter("primary", "30").fault("primary", Fault.ERROR_503);

        given().contentType("application/json").body(JSON.formatted("")).when().post("/v1/chat/completions").then()
                .statusCode(200)
                .body("flywheel.provider", equalTo("fallback-llm"))
                .body("flywheel.degraded", equalTo(true))
                .body("flywheel.degraded_reason", containsString("primary primary-llm: 503"));

        assertThat(fake.requestCount("primary")).isEqualTo(1);
    }

    @Test
    void withBothProvidersDownTheAnswerIsExtractiveAndSaysWhy() {
        fake.fault("primary", Fault.ERROR_503).fault("fallback", Fault.RESET);

        given().contentType("application/json").body(JSON.formatted("")).when().post("/v1/chat/completions").then()
                .statusCode(200)
                .body("flywheel.provider", equalTo("extractive"))
                .body("flywheel.degraded", equalTo(true))
                .body("flywheel.degraded_reason", containsString("primary primary-llm: 503"))
                .body("flywheel.degraded_reason", containsString("fallback fallback-llm: connection"))
                .body("choices[0].message.content", containsString("sorted()"));
    }

    @Test
    void aStreamCutOffMidwayStillReachesTheClientAsACompleteFlaggedStream() {
        fake.fault("primary", Fault.TRUNCATED_STREAM).fault("fallback", Fault.TRUNCATED_STREAM);

        String body = given().contentType("application/json").body(JSON.formatted(",\"stream\":true")).when()
                .post("/v1/chat/completions").then().statusCode(200)
                .body(startsWith("data: ")).extract().asString();

        // whether the cut is seen as a closed connection or as a stall depends on timing; either way the stage fails
        assertThat(body).endsWith("data: [DONE]\n\n").contains("\"degraded\":true")
                .contains("\"provider\":\"extractive\"").contains("primary primary-llm: ")
                .contains("fallback fallback-llm: ");
        assertThat(fake.received("fallback")).isNotEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void aThousandRequestsUnderTheFaultGetNoServerError(Fault fault) throws Exception {
        fake.fault("primary", fault);
        boolean stream = fault == Fault.SLOW_STREAM || fault == Fault.TRUNCATED_STREAM;
        double fallbacksBefore = metric("flywheel_llm_fallbacks_total{from=\"primary\",to=\"fallback\"");

        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        AtomicInteger degraded = new AtomicInteger();
        AtomicInteger incomplete = new AtomicInteger();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(completions).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.formatted(stream ? ",\"stream\":true" : ""))).build();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                sent.add(clients.submit(() -> {
                    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                    statuses.computeIfAbsent(response.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                    if (response.body().contains("\"degraded\":true")) {
                        degraded.incrementAndGet();
                    }
                    if (stream && !response.body().endsWith("data: [DONE]\n\n")) {
                        incomplete.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> future : sent) {
                future.get();
            }
        } finally {
            clients.shutdownNow();
        }

        assertThat(statuses.keySet()).as("statuses under " + fault).containsOnly(200);
        assertThat(statuses.get(200).get()).isEqualTo(REQUESTS);
        assertThat(incomplete.get()).isZero();
        assertThat(degraded.get()).as("answers flagged degraded under " + fault).isEqualTo(REQUESTS);
        assertThat(metric("flywheel_llm_fallbacks_total{from=\"primary\",to=\"fallback\""))
                .isGreaterThanOrEqualTo(fallbacksBefore + REQUESTS);
    }

    /** The value of a Prometheus series (the first whose name and labels start as given), or 0. */
    static double metric(String series) {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher value = Pattern.compile("^" + Pattern.quote(series) + "[^ ]* ([0-9.Ee+-]+)( #.*)?$", Pattern.MULTILINE)
                .matcher(metrics);
        if (value.find()) {
            return Double.parseDouble(value.group(1));
        }
        try {
            java.nio.file.Files.writeString(java.nio.file.Path.of("target", "metrics-dump.txt"), metrics);
        } catch (java.io.IOException ignored) {
            // only a debugging aid
        }
        return 0;
    }
}
