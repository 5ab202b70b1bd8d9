package io.flywheel.mlops.cycle;

import io.flywheel.mlops.registry.RegistryQueries;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A model's whole cycle as one time-ordered list, read from the records each step already keeps — job runs, registry
 * events (stage changes, verdicts, canary weights, rollbacks), rollout events (steps, analyses, actions), alerts about
 * the model and the agent's actions on it — rather than from a copy that could drift from them.
 */
@ApplicationScoped
public class CycleTimeline {

    private static final String TIMELINE = """
            SELECT at, source, kind, summary, ref FROM (
              SELECT coalesce(r.finished_at, r.started_at, r.queued_at) AS at, 'job-run' AS source,
                     r.job || '.' || r.status AS kind,
                     r.job || ' run ' || r.status || ' (' || r.trigger || ')'
                         || coalesce(': ' || r.error, '') AS summary,
                     'job-run:' || r.id AS ref
              FROM mlops.job_run r
              WHERE r.parameters->>'model' = ?1 OR r.outputs->>'model' = ?1
                 OR r.outputs->'verdicts' @> jsonb_build_array(jsonb_build_object('model', CAST(?1 AS text)))
              UNION ALL
              SELECT e.at, 'registry', e.action,
                     coalesce('v' || e.version || ' ', '') || e.action || ' by ' || e.actor
                         || coalesce(': ' || e.reason, ''),
                     'registry-event:' || e.id
              FROM mlops.registry_event e WHERE e.model = ?1
              UNION ALL
              SELECT ev.at, 'rollout', 'rollout.' || ev.kind,
                     'v' || o.version || ' ' || ev.kind || coalesce(' (' || ev.verdict || ')', '')
                         || ': ' || ev.summary,
                     'rollout:' || o.id
              FROM mlops.rollout_event ev JOIN mlops.rollout o ON o.id = ev.rollout_id WHERE o.model = ?1
              UNION ALL
              SELECT a.received_at, 'alert', a.name, a.severity || ' alert: ' || coalesce(a.summary, a.name),
                     'alert:' || a.id
              FROM mlops.alert a WHERE a.subject = ?1
              UNION ALL
              SELECT coalesce(x.finished_at, x.decided_at, x.created_at), 'action',
                     'action.' || x.type || '.' || x.status,
                     x.type || ' ' || x.status || coalesce(' by ' || x.decided_by, '') || ': ' || x.reasoning,
                     'action:' || x.id
              FROM mlops.remediation_action x WHERE x.target = 'model:' || ?1
            ) entries ORDER BY at DESC LIMIT ?2""";

    private final RegistryQueries registry;
    private final CycleSettings settings;

    public CycleTimeline(RegistryQueries registry, CycleSettings settings) {
        this.registry = registry;
        this.settings = settings;
    }

    /** The newest {@code flywheel.cycle.timeline-size} moments of the model's cycle, oldest first; 404 for an unknown
     * model. */
    public Uni<List<TimelineEntry>> of(String model) {
        return registry.model(model).chain(() -> Panache.withSession(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(TIMELINE, Object[].class).setParameter(1, model)
                        .setParameter(2, settings.timelineSize()).getResultList())))
                .map(CycleTimeline::entries);
    }

    private static List<TimelineEntry> entries(List<Object[]> rows) {
        List<TimelineEntry> entries = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            entries.add(new TimelineEntry(at(row[0]), (String) row[1], (String) row[2], (String) row[3],
                    (String) row[4]));
        }
        Collections.reverse(entries);
        return entries;
    }

    private static OffsetDateTime at(Object value) {
        if (value instanceof OffsetDateTime time) {
            return time.withOffsetSameInstant(ZoneOffset.UTC);
        }
        if (value instanceof java.time.Instant instant) {
            return instant.atOffset(ZoneOffset.UTC);
        }
        return ((java.sql.Timestamp) value).toInstant().atOffset(ZoneOffset.UTC);
    }
}
