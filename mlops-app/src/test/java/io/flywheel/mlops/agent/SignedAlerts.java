package io.flywheel.mlops.agent;

import static io.restassured.RestAssured.given;

import io.flywheel.mlops.access.AccessEnabledProfile;
import io.flywheel.shared.signing.RequestSignatures;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Alertmanager deliveries as the signing relay sends them: version-4 webhook bodies, signed with the alert key. */
final class SignedAlerts {

    static final RequestSignatures RELAY = new RequestSignatures(List.of(AccessEnabledProfile.ALERT_KEY),
            Duration.ofMinutes(5));

    private SignedAlerts() {
    }

    /** A firing alert of Flywheel's rules (src-k8s/monitoring/prometheus-rules.yaml), one per delivery. */
    static String firing(String alertname, String severity, String subject, String summary, String description) {
        return """
                {"version":"4","groupKey":"{}:{alertname=\\"%1$s\\"}","truncatedAlerts":0,"status":"firing",
                 "receiver":"flywheel-remediation","groupLabels":{"alertname":"%1$s"},
                 "commonLabels":{"alertname":"%1$s","severity":"%2$s","flywheel_subject":"%3$s"},
                 "commonAnnotations":{"summary":"%4$s","description":"%5$s"},
                 "externalURL":"http://alertmanager.monitoring.svc:9093",
                 "alerts":[{"status":"firing","labels":{"alertname":"%1$s","severity":"%2$s","flywheel_subject":"%3$s",
                   "model":"%3$s","feature":"age"},
                   "annotations":{"summary":"%4$s","description":"%5$s"},
                   "startsAt":"2026-12-06T10:00:00Z","endsAt":"0001-01-01T00:00:00Z",
                   "generatorURL":"http://prometheus/graph","fingerprint":"%6$s"}]}
                """.formatted(alertname, severity, subject, summary, description, Long.toHexString(System.nanoTime()));
    }

    /** Posts the body signed now. */
    static Response post(String body) {
        long now = Instant.now().getEpochSecond();
        return post(body, Long.toString(now), RELAY.sign(now, body.getBytes(StandardCharsets.UTF_8)));
    }

    static Response post(String body, String timestamp, String signature) {
        var request = given().contentType("application/json").body(body);
        if (timestamp != null) {
            request.header(RequestSignatures.TIMESTAMP_HEADER, timestamp);
        }
        if (signature != null) {
            request.header(RequestSignatures.SIGNATURE_HEADER, signature);
        }
        return request.when().post("/api/alerts").andReturn();
    }
}
