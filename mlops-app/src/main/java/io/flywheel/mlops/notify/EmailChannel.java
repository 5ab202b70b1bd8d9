package io.flywheel.mlops.notify;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.stream.Collectors;

/** Sends the notification as a plain-text e-mail over SMTP (quarkus-mailer; server settings in quarkus.mailer.*). */
@ApplicationScoped
public class EmailChannel implements NotificationChannel {

    private final NotifySettings settings;
    private final ReactiveMailer mailer;

    public EmailChannel(NotifySettings settings, ReactiveMailer mailer) {
        this.settings = settings;
        this.mailer = mailer;
    }

    @Override
    public String name() {
        return "email";
    }

    @Override
    public boolean enabled() {
        return settings.email().to().filter(to -> !to.isEmpty()).isPresent();
    }

    @Override
    public Uni<Void> send(Notification notification) {
        String links = notification.links().entrySet().stream().map(link -> link.getKey() + ": " + link.getValue())
                .collect(Collectors.joining("\n"));
        Mail mail = new Mail().setFrom(settings.email().from()).setTo(settings.email().to().orElseThrow())
                .setSubject("[Flywheel] " + notification.subject())
                .setText(notification.text() + (links.isEmpty() ? "" : "\n\n" + links));
        return mailer.send(mail).ifNoItem().after(settings.timeout()).fail();
    }
}
