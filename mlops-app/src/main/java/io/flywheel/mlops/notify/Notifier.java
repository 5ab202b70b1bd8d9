package io.flywheel.mlops.notify;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Sends a notification through every enabled channel at once, each with its timeout; one channel failing does not stop
 * the others. The result says, per channel, {@code delivered} or why not.
 */
@ApplicationScoped
public class Notifier {

    public static final String DELIVERED = "delivered";
    private static final Logger LOG = Logger.getLogger(Notifier.class);

    private final List<NotificationChannel> channels;
    private final NotifySettings settings;

    public Notifier(Instance<NotificationChannel> channels, NotifySettings settings) {
        this.channels = channels.stream().toList();
        this.settings = settings;
    }

    /** Delivers to every enabled channel; never fails, the map tells what each channel did. */
    public Uni<Map<String, String>> send(Notification notification) {
        List<Uni<Map.Entry<String, String>>> deliveries = new ArrayList<>();
        for (NotificationChannel channel : channels) {
            if (channel.enabled()) {
                deliveries.add(channel.send(notification)
                        .ifNoItem().after(settings.timeout()).fail()
                        .map(ignored -> Map.entry(channel.name(), DELIVERED))
                        .onFailure().recoverWithItem(failure -> {
                            LOG.warnf("notification through %s failed: %s", channel.name(), failure.getMessage());
                            return Map.entry(channel.name(), "failed: " + failure.getMessage());
                        }));
            }
        }
        if (deliveries.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Uni.join().all(deliveries).andCollectFailures().map(results -> {
            Map<String, String> byChannel = new LinkedHashMap<>();
            results.forEach(result -> byChannel.put(result.getKey(), result.getValue()));
            return byChannel;
        });
    }
}
