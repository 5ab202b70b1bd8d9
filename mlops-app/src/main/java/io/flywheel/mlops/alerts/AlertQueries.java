package io.flywheel.mlops.alerts;

import io.flywheel.mlops.agent.ActionView;
import io.flywheel.mlops.agent.RemediationAction;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Reads stored alerts with their actions. */
@ApplicationScoped
public class AlertQueries {

    @WithSession
    public Uni<AlertView> get(UUID id) {
        return StoredAlert.<StoredAlert>findById(id).chain(alert -> {
            if (alert == null) {
                return Uni.createFrom().failure(new ProblemException(ProblemType.NOT_FOUND, "no alert " + id));
            }
            return RemediationAction.<RemediationAction>list("alertId = ?1 order by createdAt, id", id)
                    .map(actions -> AlertView.of(alert, actions.stream().map(ActionView::of).toList()));
        });
    }

    /** The newest alerts, each with its actions (two queries, whatever the page size). */
    @WithSession
    public Uni<List<AlertView>> newest(int limit) {
        return StoredAlert.<StoredAlert>find("order by receivedAt desc, id").page(0, limit).list().chain(alerts -> {
            List<UUID> ids = alerts.stream().map(alert -> alert.id).toList();
            if (ids.isEmpty()) {
                return Uni.createFrom().item(List.<AlertView>of());
            }
            return RemediationAction.<RemediationAction>list("alertId in ?1 order by createdAt, id", ids)
                    .map(actions -> {
                        Map<UUID, List<ActionView>> byAlert = actions.stream().collect(Collectors.groupingBy(
                                action -> action.alertId, Collectors.mapping(ActionView::of, Collectors.toList())));
                        return alerts.stream().map(alert -> AlertView.of(alert, byAlert.getOrDefault(alert.id,
                                List.of()))).toList();
                    });
        });
    }
}
