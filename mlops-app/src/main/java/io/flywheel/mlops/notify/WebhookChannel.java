package io.flywheel.mlops.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flywheel.shared.signing.RequestSignatures;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * POSTs the notification as JSON ({@code subject, text, severity, links}) to a configured URL, signed with HMAC-SHA256
 * over timestamp and body when a signing key is set, so that the receiver can check it came from Flywheel.
 */
@ApplicationScoped
public class WebhookChannel implements NotificationChannel {

    private final NotifySettings settings;
    private final JsonPoster poster;
    private final ObjectMapper json;

    public WebhookChannel(NotifySettings settings, JsonPoster poster, ObjectMapper json) {
        this.settings = settings;
        this.poster = poster;
        this.json = json;
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public boolean enabled() {
        return settings.webhook().url().isPresent();
    }

    @Override
    public Uni<Void> send(Notification notification) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(notification);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        Map<String, String> headers = settings.webhook().signingKey().map(key -> {
            long now = Instant.now().getEpochSecond();
            String signature = new RequestSignatures(List.of(key), settings.timeout()).sign(now, body);
            return Map.of(RequestSignatures.TIMESTAMP_HEADER, Long.toString(now),
                    RequestSignatures.SIGNATURE_HEADER, signature);
        }).orElse(Map.of());
        return poster.post(settings.webhook().url().orElseThrow(), body, headers, settings.timeout()).replaceWithVoid();
    }
}
