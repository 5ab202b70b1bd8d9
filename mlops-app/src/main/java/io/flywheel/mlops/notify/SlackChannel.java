package io.flywheel.mlops.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Posts to a Slack-compatible incoming webhook: a JSON {@code text} in Slack's mrkdwn, which Slack, Mattermost and
 * Rocket.Chat all accept.
 */
@ApplicationScoped
public class SlackChannel implements NotificationChannel {

    private final NotifySettings settings;
    private final JsonPoster poster;
    private final ObjectMapper json;

    public SlackChannel(NotifySettings settings, JsonPoster poster, ObjectMapper json) {
        this.settings = settings;
        this.poster = poster;
        this.json = json;
    }

    @Override
    public String name() {
        return "slack";
    }

    @Override
    public boolean enabled() {
        return settings.slack().url().isPresent();
    }

    @Override
    public Uni<Void> send(Notification notification) {
        String links = notification.links().entrySet().stream().map(link -> link.getKey() + " `" + link.getValue() + "`")
                .collect(Collectors.joining(", "));
        String text = "*" + escape(notification.subject()) + "*\n" + escape(notification.text())
                + (links.isEmpty() ? "" : "\n" + links);
        try {
            byte[] body = json.writeValueAsBytes(Map.of("text", text));
            return poster.post(settings.slack().url().orElseThrow(), body, Map.of(), settings.timeout())
                    .replaceWithVoid();
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
    }

    /** Slack's three control characters, escaped as its message formatting asks. */
    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
