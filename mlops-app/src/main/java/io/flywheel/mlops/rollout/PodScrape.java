package io.flywheel.mlops.rollout;

import java.util.Map;

/**
 * What one inference pod reported for a model's stable and canary versions, or why it could not be read.
 *
 * @param pod    the pod's base URL
 * @param stable counters of the stable version ({@code null} when the scrape failed)
 * @param canary counters of the canary version ({@code null} when the scrape failed)
 * @param error  why the pod could not be scraped, or {@code null}
 */
public record PodScrape(String pod, VersionCounters stable, VersionCounters canary, String error) {

    /** A pod that did not answer in time, or answered something that is not the metrics format. */
    public static PodScrape failed(String pod, String error) {
        return new PodScrape(pod, null, null, error);
    }

    public boolean ok() {
        return error == null;
    }

    /** A scrape as stored for the next window: pod URL → {"stable": …, "canary": …}. */
    Map<String, VersionCounters> counters() {
        return Map.of("stable", stable, "canary", canary);
    }
}
