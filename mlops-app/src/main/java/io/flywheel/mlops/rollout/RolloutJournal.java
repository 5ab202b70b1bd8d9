package io.flywheel.mlops.rollout;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flywheel.mlops.audit.AuditLog;
import io.flywheel.mlops.audit.AuditRecord;
import io.flywheel.mlops.registry.Attribution;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Records what happens in a rollout twice, in the caller's transaction: as a rollout event (its own history, shown with
 * the rollout and in its report) and as an audit-log entry (target {@code rollout:<id>}), so that the change, its
 * history and its audit entry commit together or not at all.
 */
@ApplicationScoped
public class RolloutJournal {

    private static final Logger LOG = Logger.getLogger(RolloutJournal.class);

    private final AuditLog audit;
    private final ObjectMapper json;

    public RolloutJournal(AuditLog audit, ObjectMapper json) {
        this.audit = audit;
        this.json = json;
    }

    /**
     * Records one event of the rollout at its current step and weight.
     *
     * @param kind    {@code started}, {@code step}, {@code analysis}, {@code paused}, {@code resumed},
     *                {@code promoted}, {@code rolled-back}, {@code aborted}
     * @param verdict an analysis' verdict, else {@code null}
     */
    public Uni<RolloutEvent> record(Rollout rollout, String kind, String verdict, Attribution by, String summary,
                                    Map<String, Object> details) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("model", rollout.model);
        facts.put("version", rollout.version);
        facts.put("step", rollout.step);
        facts.put("weight", rollout.weight);
        if (verdict != null) {
            facts.put("verdict", verdict);
        }
        details.forEach((key, value) -> {
            if (value != null) {
                facts.put(key, value);
            }
        });
        RolloutEvent event = new RolloutEvent();
        event.rolloutId = rollout.id;
        event.at = OffsetDateTime.now(ZoneOffset.UTC);
        event.kind = kind;
        event.step = rollout.step;
        event.weight = rollout.weight;
        event.verdict = verdict;
        event.actor = by.actor();
        // a person's reason belongs with what they did, where the rollout's history and its report show it
        event.summary = by.reason() == null || summary.contains(by.reason()) ? summary
                : summary + " (" + by.reason() + ")";
        event.details = json.valueToTree(facts);
        LOG.infof("rollout %s of %s v%d: %s at step %d (%.0f%%) by %s: %s", rollout.id, rollout.model,
                rollout.version, kind, rollout.step + 1, rollout.weight * 100, by.actor(), summary);
        return event.<RolloutEvent>persist().call(() -> audit.append(new AuditRecord(by.actor(), by.trigger(),
                "rollout." + kind, "rollout:" + rollout.id, by.reason() == null ? summary : by.reason(), null,
                verdict == null ? "succeeded" : verdict, facts)));
    }
}
