package io.flywheel.mlops.alerts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * The body Alertmanager posts to a webhook receiver (payload version 4): a group of alerts that share a route, with
 * the labels common to all of them.
 *
 * @param version           {@code "4"}
 * @param groupKey          identifies the group the alerts belong to
 * @param truncatedAlerts   how many alerts {@code max_alerts} left out
 * @param status            {@code firing} when at least one alert fires, else {@code resolved}
 * @param receiver          the receiver's name in Alertmanager's configuration
 * @param groupLabels       the labels the route groups by
 * @param commonLabels      labels every alert of the group carries
 * @param commonAnnotations annotations every alert of the group carries
 * @param externalURL       where the sending Alertmanager is
 * @param alerts            the alerts
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AlertmanagerWebhook(String version, String groupKey, Integer truncatedAlerts, String status,
                                  String receiver, Map<String, String> groupLabels, Map<String, String> commonLabels,
                                  Map<String, String> commonAnnotations, String externalURL, List<Alert> alerts) {

    /**
     * One alert of the group.
     *
     * @param status       {@code firing} or {@code resolved}
     * @param labels       identify the alert ({@code alertname}, {@code severity}, {@code flywheel_subject}, ...)
     * @param annotations  describe it ({@code summary}, {@code description})
     * @param startsAt     when it started firing
     * @param endsAt       when it was resolved, or a zero time while it fires
     * @param generatorURL the Prometheus expression behind it
     * @param fingerprint  a stable id of the label set
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Alert(String status, Map<String, String> labels, Map<String, String> annotations,
                        OffsetDateTime startsAt, OffsetDateTime endsAt, String generatorURL, String fingerprint) {
    }
}
