package io.flywheel.mlops.notify;

import java.util.Map;

/**
 * A message for people: what happened and what the agent does or asks.
 *
 * @param subject  one line
 * @param text     the body, plain text
 * @param severity {@code info}, {@code warning} or {@code critical}
 * @param links    ids a receiver can follow up on ({@code alert}, {@code action}), JSON-friendly
 */
public record Notification(String subject, String text, String severity, Map<String, String> links) {

    public Notification {
        links = links == null ? Map.of() : Map.copyOf(links);
    }
}
