package io.flywheel.mlops.notify;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Notification channels; each one is on when its destination is set. SMTP itself is {@code quarkus.mailer.*}. */
@ConfigMapping(prefix = "flywheel.notify")
public interface NotifySettings {

    /** Timeout of one delivery on any channel. */
    @WithDefault("10s")
    Duration timeout();

    /** A generic JSON webhook. */
    Webhook webhook();

    /** A Slack-compatible incoming webhook (Slack, Mattermost, Rocket.Chat). */
    Slack slack();

    /** E-mail over SMTP. */
    Email email();

    /** A generic JSON webhook. */
    interface Webhook {
        /** Where the notification is POSTed as JSON. */
        Optional<String> url();

        /** When set, each POST is signed like Flywheel's own alert intake (X-Flywheel-Timestamp/-Signature). */
        Optional<String> signingKey();
    }

    /** A Slack-compatible incoming webhook. */
    interface Slack {
        /** The incoming webhook URL (it embeds its secret: keep it in a Secret). */
        Optional<String> url();
    }

    /** E-mail over SMTP through quarkus-mailer. */
    interface Email {
        /** Recipients; none: no e-mail. */
        Optional<List<String>> to();

        /** The sender address. */
        @WithDefault("flywheel@localhost")
        String from();
    }
}
