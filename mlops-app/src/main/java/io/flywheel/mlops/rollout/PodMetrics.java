package io.flywheel.mlops.rollout;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Scrapes the Prometheus metrics of every inference pod (non-blocking, a deadline each) and picks out a model's stable
 * and canary counters. A pod that does not answer, answers an error or something unreadable is reported as failed,
 * with the reason; the analysis then holds the step instead of deciding on part of the traffic.
 */
@ApplicationScoped
public class PodMetrics {

    private static final int OK = 200;

    private final InferencePods pods;
    private final RolloutSettings.Pods settings;
    private final HttpClient http;

    public PodMetrics(InferencePods pods, RolloutSettings settings, Vertx vertx) {
        this.pods = pods;
        this.settings = settings.pods();
        this.http = vertx.createHttpClient();
    }

    /**
     * Every discovered pod's counters of the two versions; an empty list when discovery found none, one failed scrape
     * naming why when discovery itself failed (a name that does not resolve, an unreachable Kubernetes API): the
     * analysis then records the missing evidence (inconclusive) instead of failing the tick unseen.
     */
    public Uni<List<PodScrape>> scrape(String model, int stable, int canary) {
        return pods.discover().onItemOrFailure().transformToUni((urls, failure) -> {
            if (failure != null) {
                return Uni.createFrom().item(List.of(PodScrape.failed("discovery:" + settings.discovery(),
                        "the inference pods were not found: " + failure.getMessage())));
            }
            return urls.isEmpty() ? Uni.createFrom().item(List.<PodScrape>of())
                    : Uni.join().all(urls.stream().map(url -> scrape(url, model, stable, canary)).toList())
                            .andFailFast();
        });
    }

    private Uni<PodScrape> scrape(String pod, String model, int stable, int canary) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET)
                .setAbsoluteURI(pod + settings.metricsPath()).setTimeout(settings.scrapeTimeout().toMillis())
                .addHeader("Accept", "text/plain");
        return http.request(options).chain(request -> request.send()).chain(response -> response.body().map(body -> {
            if (response.statusCode() != OK) {
                return PodScrape.failed(pod, pod + " answered " + response.statusCode());
            }
            List<PrometheusText.Sample> samples = PrometheusText.parse(body.toString());
            return new PodScrape(pod, VersionCounters.of(samples, model, stable),
                    VersionCounters.of(samples, model, canary), null);
        })).onFailure().recoverWithItem(failure -> PodScrape.failed(pod, pod + ": " + failure.getMessage()));
    }
}
