package io.flywheel.mlops.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flywheel.mlops.alerts.StoredAlert;
import io.flywheel.mlops.audit.AuditLog;
import io.flywheel.mlops.audit.AuditRecord;
import io.flywheel.shared.problem.Problem.FieldError;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.OptimisticLockException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.StaleStateException;

/**
 * The approval queue: records proposals with their tier, lets approvers approve or reject them (an admin, explicitly,
 * for human-only ones), and audits every step. Running approved actions is {@link ActionRunner}'s job, after commit.
 */
@ApplicationScoped
public class RemediationService {

    static final int MAX_TEXT = 2000;

    private final TierPolicy tiers;
    private final ActionRunner runner;
    private final AuditLog audit;
    private final ObjectMapper json;

    public RemediationService(TierPolicy tiers, ActionRunner runner, AuditLog audit, ObjectMapper json) {
        this.tiers = tiers;
        this.runner = runner;
        this.audit = audit;
        this.json = json;
    }

    /** Records the agent's proposals for an alert; must run inside the transaction that stores the alert. */
    public Uni<List<RemediationAction>> propose(StoredAlert alert, List<Proposal> proposals) {
        Uni<List<RemediationAction>> chain = Uni.createFrom().item(new ArrayList<>());
        for (Proposal proposal : proposals) {
            chain = chain.chain(saved -> record(proposal, alert.id, "agent", "alert:" + alert.id)
                    .map(action -> {
                        saved.add(action);
                        return saved;
                    }));
        }
        return chain;
    }

    /** A person asks for an action; it goes through its tier like a proposal. */
    @WithTransaction
    public Uni<RemediationAction> request(ActionRequestBody body, String actor) {
        ActionType type = validate(body);
        List<FieldError> invalid = runner.validate(type, body.target(),
                body.parameters() == null ? Map.of() : body.parameters());
        if (!invalid.isEmpty()) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, invalid.size() + " parameter(s) are invalid",
                    invalid);
        }
        Proposal proposal = new Proposal(type, body.target(), body.parameters(), body.reasoning(),
                "as requested by " + actor);
        return record(proposal, null, actor, "api");
    }

    @WithTransaction
    public Uni<RemediationAction> approve(UUID id, Decision decision, String actor, boolean admin) {
        return awaiting(id).chain(action -> {
            if (Tier.HUMAN_ONLY.label().equals(action.tier)) {
                if (!admin) {
                    throw new ProblemException(ProblemType.FORBIDDEN, "'" + action.type + "' is human-only: only an "
                            + "admin may approve it");
                }
                if (decision == null || !action.type.equals(decision.confirm())) {
                    throw new ProblemException(ProblemType.INVALID_REQUEST, "a human-only action needs explicit "
                            + "confirmation", List.of(new FieldError("confirm", "must repeat the action type '"
                            + action.type + "'")));
                }
            }
            decide(action, ActionStatus.QUEUED, actor, decision == null ? null : decision.note());
            return audit.append(new AuditRecord(actor, "approval:" + action.id, "action.approved",
                    ActionRunner.target(action), noteOr(decision, "approved"), actor, null,
                    Map.of("type", action.type, "tier", action.tier))).replaceWith(action);
        }).call(Panache::flush).onFailure(RemediationService::lostRace).transform(RemediationService::decidedMeanwhile);
    }

    @WithTransaction
    public Uni<RemediationAction> reject(UUID id, Decision decision, String actor) {
        if (decision == null || decision.note() == null || decision.note().isBlank()) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "a rejection says why",
                    List.of(new FieldError("note", "is required: the escalation repeats it")));
        }
        return awaiting(id).chain(action -> {
            decide(action, ActionStatus.REJECTED, actor, truncate(decision.note()));
            action.finishedAt = action.decidedAt;
            action.outcome = "rejected by " + actor + ": " + action.decisionNote;
            return audit.append(new AuditRecord(actor, "approval:" + action.id, "action.rejected",
                    ActionRunner.target(action), action.decisionNote, actor, "rejected",
                    Map.of("type", action.type, "tier", action.tier))).replaceWith(action);
        }).call(Panache::flush).onFailure(RemediationService::lostRace).transform(RemediationService::decidedMeanwhile);
    }

    @WithSession
    public Uni<RemediationAction> get(UUID id) {
        return RemediationAction.<RemediationAction>findById(id).map(action -> {
            if (action == null) {
                throw new ProblemException(ProblemType.NOT_FOUND, "no action " + id);
            }
            return action;
        });
    }

    /** Actions newest first, optionally of one status or one alert. */
    @WithSession
    public Uni<List<RemediationAction>> list(ActionStatus status, UUID alertId, int limit) {
        StringBuilder query = new StringBuilder("1 = 1");
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (status != null) {
            query.append(" and status = :status");
            parameters.put("status", status.label());
        }
        if (alertId != null) {
            query.append(" and alertId = :alert");
            parameters.put("alert", alertId);
        }
        return RemediationAction.<RemediationAction>find(query + " order by createdAt desc, id", parameters)
                .page(0, limit).list();
    }

    private Uni<RemediationAction> record(Proposal proposal, UUID alertId, String proposedBy, String trigger) {
        Tier tier = tiers.of(proposal.type());
        RemediationAction action = new RemediationAction();
        action.id = UUID.randomUUID();
        action.alertId = alertId;
        action.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        action.type = proposal.type().label();
        action.tier = tier.label();
        action.status = (tier == Tier.AUTO ? ActionStatus.QUEUED : ActionStatus.AWAITING_APPROVAL).label();
        action.target = proposal.target();
        action.parameters = write(proposal.parameters());
        action.reasoning = truncate(proposal.reasoning());
        action.predictedImpact = truncate(proposal.predictedImpact());
        action.proposedBy = proposedBy;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("type", action.type);
        details.put("tier", action.tier);
        details.put("target", action.target);
        details.put("predicted_impact", action.predictedImpact);
        details.put("alert", String.valueOf(alertId));
        return action.<RemediationAction>persist()
                .chain(saved -> audit.append(new AuditRecord(proposedBy, trigger, "action.proposed",
                        ActionRunner.target(saved), saved.reasoning, null, null, details)).replaceWith(saved));
    }

    private static Uni<RemediationAction> awaiting(UUID id) {
        return RemediationAction.<RemediationAction>findById(id).map(action -> {
            if (action == null) {
                throw new ProblemException(ProblemType.NOT_FOUND, "no action " + id);
            }
            if (action.actionStatus() != ActionStatus.AWAITING_APPROVAL) {
                throw new ProblemException(ProblemType.CONFLICT, "action " + id + " does not await approval: it is "
                        + action.status);
            }
            return action;
        });
    }

    private static void decide(RemediationAction action, ActionStatus status, String actor, String note) {
        action.status = status.label();
        action.decidedBy = actor;
        action.decidedAt = OffsetDateTime.now(ZoneOffset.UTC);
        action.decisionNote = note;
    }

    private static boolean lostRace(Throwable failure) {
        return failure instanceof OptimisticLockException || failure instanceof StaleStateException
                || failure.getCause() instanceof StaleStateException;
    }

    private static Throwable decidedMeanwhile(Throwable failure) {
        return new ProblemException(ProblemType.CONFLICT, "another approver decided on this action at the same time");
    }

    private static ActionType validate(ActionRequestBody body) {
        if (body == null) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "a JSON body is required");
        }
        List<FieldError> errors = new ArrayList<>();
        ActionType type = ActionType.of(body.type());
        if (type == null) {
            errors.add(new FieldError("type", "must be one of log, notify, scale-out, clear-cache, retrain, deploy, "
                    + "rollback, change-config, delete-data"));
        }
        if (body.target() == null || body.target().isBlank() || body.target().length() > MAX_TEXT) {
            errors.add(new FieldError("target", "is required (what the action acts on)"));
        }
        if (body.reasoning() == null || body.reasoning().isBlank()) {
            errors.add(new FieldError("reasoning", "is required: every decision has its reasoning"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, errors.size() + " field(s) are invalid", errors);
        }
        return type;
    }

    private static String noteOr(Decision decision, String fallback) {
        return decision == null || decision.note() == null || decision.note().isBlank() ? fallback
                : truncate(decision.note());
    }

    private static String truncate(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
    }

    private String write(Map<String, Object> values) {
        try {
            return json.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "parameters must be a JSON object",
                    List.of(new FieldError("parameters", e.getOriginalMessage())));
        }
    }
}
