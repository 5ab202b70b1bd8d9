package io.flywheel.mlops.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flywheel.mlops.audit.AuditLog;
import io.flywheel.mlops.audit.AuditRecord;
import io.flywheel.mlops.notify.Notification;
import io.flywheel.mlops.notify.Notifier;
import io.flywheel.shared.problem.Problem.FieldError;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Runs queued actions on a small pool of the agent's own threads with a bounded queue: each run is audited when it
 * starts ({@code action.executed}) and when it ends ({@code action.outcome}, with the before/after metrics). An action
 * type without an executor ends {@link ActionStatus#UNAVAILABLE}. Queued actions left by a restart are picked up at
 * start; the entity version makes sure that two pods never run the same action.
 */
@ApplicationScoped
public class ActionRunner {

    private static final Logger LOG = Logger.getLogger(ActionRunner.class);
    private static final String ACTOR = "agent";
    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {
    };

    private final ThreadPoolExecutor pool;
    private final Duration shutdownGrace;
    private final Map<ActionType, ActionExecutor> executors = new EnumMap<>(ActionType.class);
    private final AuditLog audit;
    private final Notifier notifier;
    private final ObjectMapper json;

    public ActionRunner(AgentSettings settings, Instance<ActionExecutor> executors, AuditLog audit, Notifier notifier,
                        ObjectMapper json) {
        this.pool = new ThreadPoolExecutor(settings.executionThreads(), settings.executionThreads(), 0,
                TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(settings.executionQueue()), runnable -> {
                    Thread thread = new Thread(runnable, "flywheel-agent");
                    thread.setDaemon(true);
                    return thread;
                });
        this.shutdownGrace = settings.shutdownGrace();
        executors.forEach(executor -> this.executors.put(executor.type(), executor));
        this.audit = audit;
        this.notifier = notifier;
        this.json = json;
    }

    void resumeQueued(@Observes StartupEvent start) {
        pool.execute(() -> {
            List<UUID> queued = await(() -> Panache.withSession(() -> RemediationAction.<RemediationAction>list(
                    "status = ?1 order by createdAt", ActionStatus.QUEUED.label())
                    .map(actions -> actions.stream().map(action -> action.id).toList())));
            if (queued != null && !queued.isEmpty()) {
                LOG.infof("resuming %d queued remediation actions", queued.size());
                queued.forEach(this::submit);
            }
        });
    }

    /** Lets running actions finish (and be recorded) for a grace period at shutdown; queued ones resume at start. */
    @PreDestroy
    void stop() {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(shutdownGrace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warnf("remediation actions still running after %s are interrupted and stay recorded as running",
                        shutdownGrace);
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** What the type's executor finds wrong with a request; nothing when it has no executor (it will be unavailable). */
    public List<FieldError> validate(ActionType type, String target, Map<String, Object> parameters) {
        ActionExecutor executor = executors.get(type);
        return executor == null ? List.of() : executor.validate(target, parameters);
    }

    /** Tells people, through every channel, that an approver rejected the action; audited as {@code action.escalated}. */
    public void escalate(UUID actionId) {
        try {
            pool.execute(() -> {
                RemediationAction action = await(() -> Panache.withSession(() -> RemediationAction.findById(actionId)));
                Notification notification = new Notification("rejected: " + action.type + " on " + action.target,
                        action.outcome + "\nThe agent proposed it because: " + action.reasoning
                                + "\nThe alert stays unremedied until someone acts.", "warning",
                        Map.of("action", action.id.toString(), "alert", String.valueOf(action.alertId)));
                Map<String, String> delivered = notifier.send(notification).await().indefinitely();
                await(() -> Panache.withTransaction(() -> audit.append(new AuditRecord(ACTOR, "approval:" + action.id,
                        "action.escalated", target(action), "rejected by " + action.decidedBy + ": people are told",
                        action.decidedBy, delivered.isEmpty() ? "no channel configured" : "notified",
                        Map.of("channels", delivered)))));
            });
        } catch (RejectedExecutionException e) {
            LOG.warnf("the rejection of action %s was not escalated: the execution queue is full", actionId);
        }
    }

    /** Queues the action (committed as {@link ActionStatus#QUEUED}); a full queue fails it instead of waiting. */
    public void submit(UUID actionId) {
        try {
            pool.execute(() -> run(actionId));
        } catch (RejectedExecutionException e) {
            LOG.warnf("remediation action %s not run: the execution queue is full", actionId);
            finish(actionId, ExecutionResult.failed("not run: the agent's execution queue was full"));
        }
    }

    private void run(UUID actionId) {
        RemediationAction action = await(() -> Panache.withTransaction(() -> start(actionId)));
        if (action == null) {
            return;
        }
        ExecutionResult result;
        ActionExecutor executor = executors.get(action.actionType());
        if (executor == null) {
            result = ExecutionResult.unavailable("no executor for '" + action.type + "' is installed in this "
                    + "deployment; nothing was done");
        } else {
            try {
                result = executor.execute(new ActionRequest(action.id, action.alertId, action.target,
                        read(action.parameters), action.reasoning, action.decidedBy));
            } catch (Exception e) {
                LOG.warnf("remediation action %s (%s) failed: %s", action.id, action.type, e.getMessage());
                result = ExecutionResult.failed(action.type + " failed: " + e.getMessage());
            }
        }
        finish(actionId, result);
    }

    private Uni<RemediationAction> start(UUID actionId) {
        return RemediationAction.<RemediationAction>findById(actionId).chain(action -> {
            if (action == null || action.actionStatus() != ActionStatus.QUEUED) {
                return Uni.createFrom().nullItem();
            }
            action.status = ActionStatus.RUNNING.label();
            action.startedAt = now();
            return audit.append(new AuditRecord(ACTOR, trigger(action), "action.executed", target(action),
                            "running " + action.type + " on " + action.target, action.decidedBy, null,
                            Map.of("type", action.type, "tier", action.tier, "alert", String.valueOf(action.alertId))))
                    .replaceWith(action);
        });
    }

    private void finish(UUID actionId, ExecutionResult result) {
        await(() -> Panache.withTransaction(() -> RemediationAction.<RemediationAction>findById(actionId)
                .chain(action -> {
                    action.status = result.status().label();
                    action.finishedAt = now();
                    action.outcome = result.summary();
                    action.beforeMetrics = write(result.before());
                    action.afterMetrics = write(result.after());
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("type", action.type);
                    details.put("before", result.before());
                    details.put("after", result.after());
                    return audit.append(new AuditRecord(ACTOR, trigger(action), "action.outcome", target(action),
                            result.summary(), action.decidedBy, result.status().label(), details));
                })));
    }

    static String trigger(RemediationAction action) {
        return action.decidedBy != null ? "approval:" + action.id
                : action.alertId != null ? "alert:" + action.alertId : "api";
    }

    static String target(RemediationAction action) {
        return "action:" + action.id;
    }

    private Map<String, Object> read(String parameters) {
        try {
            return parameters == null ? Map.of() : json.readValue(parameters, JSON_OBJECT);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored parameters are not JSON", e);
        }
    }

    private String write(Map<String, Object> metrics) {
        try {
            return json.writeValueAsString(metrics);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("metrics are not JSON-serialisable", e);
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    /** Runs a database step from the agent's thread on a Vert.x context (Hibernate Reactive needs one). */
    private static <T> T await(Supplier<Uni<T>> step) {
        try {
            return VertxContextSupport.subscribeAndAwait(step);
        } catch (Throwable e) {
            LOG.errorf(e, "a remediation step could not be recorded");
            return null;
        }
    }
}
