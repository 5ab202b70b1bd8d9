package io.flywheel.mlops.notify;

import io.smallrye.mutiny.Uni;

/** A way to reach people (webhook, e-mail, Slack); channels are beans, each on when its settings are present. */
public interface NotificationChannel {

    /** Its name in results and in the audit log. */
    String name();

    /** Whether it is configured here. */
    boolean enabled();

    /** Delivers the notification; fails when the receiver did not accept it. */
    Uni<Void> send(Notification notification);
}
