package io.flywheel.mlops.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flywheel.mlops.agent.ActionRunner;
import io.flywheel.mlops.agent.ActionStatus;
import io.flywheel.mlops.agent.ActionView;
import io.flywheel.mlops.agent.Diagnosis;
import io.flywheel.mlops.agent.Diagnostician;
import io.flywheel.mlops.agent.RemediationPlanner;
import io.flywheel.mlops.agent.RemediationService;
import io.flywheel.mlops.agent.AgentSettings;
import io.flywheel.mlops.audit.AuditLog;
import io.flywheel.mlops.audit.AuditRecord;
import io.flywheel.shared.problem.JsonProblems;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import io.flywheel.shared.signing.RequestSignatures;
import io.flywheel.shared.signing.SignatureCheck;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Receives alerts: checks the signature of external deliveries (refusals are logged and audited), refuses a delivery
 * seen before (replay), stores each alert with the agent's diagnosis and proposals in one transaction with their audit
 * entries, then hands the auto-tier actions to the {@link ActionRunner}.
 */
@ApplicationScoped
public class AlertIntake {

    static final String ALERTMANAGER = "alertmanager";
    private static final Logger LOG = Logger.getLogger(AlertIntake.class);
    private static final String CLAIM = "INSERT INTO mlops.alert_delivery (signature, received_at) VALUES (?1, ?2) "
            + "ON CONFLICT DO NOTHING";
    private static final String PRUNE = "DELETE FROM mlops.alert_delivery WHERE received_at < ?1";

    private final AlertSettings settings;
    private final AgentSettings agent;
    private final RequestSignatures signatures;
    private final AlertmanagerReader reader;
    private final RemediationService remediation;
    private final ActionRunner runner;
    private final AuditLog audit;
    private final ObjectMapper json;

    public AlertIntake(AlertSettings settings, AgentSettings agent, AlertmanagerReader reader,
                       RemediationService remediation, ActionRunner runner, AuditLog audit, ObjectMapper json) {
        this.settings = settings;
        this.agent = agent;
        this.signatures = settings.signingKeys().filter(keys -> !keys.isEmpty())
                .map(keys -> new RequestSignatures(keys, settings.tolerance())).orElse(null);
        this.reader = reader;
        this.remediation = remediation;
        this.runner = runner;
        this.audit = audit;
        this.json = json;
    }

    void atStart(@Observes StartupEvent start) {
        if (signatures == null) {
            LOG.warn("No alert signing key is configured (flywheel.alerts.signing-keys): POST /api/alerts refuses every "
                    + "external alert. Set the key from the Secret flywheel-alerts.");
        }
    }

    /** An Alertmanager delivery: verified, de-duplicated, stored, diagnosed, acted upon. */
    public Uni<Receipt> receive(byte[] body, String timestamp, String signature, String remote) {
        SignatureCheck check = signatures == null
                ? new SignatureCheck(SignatureCheck.Verdict.MISMATCH, "no signing key is configured on this server")
                : signatures.check(timestamp, signature, body, Instant.now());
        if (!check.valid()) {
            return refuse(remote, check.verdict().name().toLowerCase(Locale.ROOT), check.reason())
                    .chain(() -> Uni.createFrom().failure(new ProblemException(ProblemType.INVALID_SIGNATURE,
                            check.reason())));
        }
        List<IncomingAlert> alerts = reader.read(body);
        // hex is case-insensitive: the same signature in another case is the same delivery
        return Panache.withTransaction(() -> claim(signature.trim().toLowerCase(Locale.ROOT))
                        .chain(fresh -> fresh ? storeAll(alerts, ALERTMANAGER) : Uni.createFrom().nullItem()))
                .chain(stored -> stored != null ? Uni.createFrom().item(stored)
                        : refuse(remote, "replayed", "this signature was already received")
                                .chain(() -> Uni.createFrom().failure(new ProblemException(ProblemType.REPLAYED_REQUEST,
                                        "this delivery was already received (same signature): replays are refused"))))
                .invoke(this::runAutoActions);
    }

    /** An alert raised inside the platform (drift, validation, rollout, anomaly): trusted, stored, acted upon. */
    public Uni<Receipt> receive(PlatformAlert alert) {
        IncomingAlert incoming = new IncomingAlert("platform:" + alert.source(),
                alert.kind() == null ? "platform-alert" : alert.kind(), IncomingAlert.FIRING,
                alert.severity(), alert.model(), alert.summary(), null, withModel(alert));
        return Panache.withTransaction(() -> storeAll(List.of(incoming), incoming.source()))
                .invoke(this::runAutoActions);
    }

    private static Map<String, Object> withModel(PlatformAlert alert) {
        Map<String, Object> details = new LinkedHashMap<>(alert.details());
        if (alert.model() != null) {
            details.putIfAbsent("model", alert.model());
        }
        return details;
    }

    private Uni<Boolean> claim(String signature) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(PRUNE).setParameter(1,
                        now.minus(settings.tolerance().multipliedBy(2))).executeUpdate()
                        .chain(() -> session.createNativeQuery(CLAIM).setParameter(1, signature).setParameter(2, now)
                                .executeUpdate()))
                .map(inserted -> inserted == 1);
    }

    private Uni<Receipt> storeAll(List<IncomingAlert> alerts, String actor) {
        Uni<List<AlertView>> chain = Uni.createFrom().item(new ArrayList<>());
        for (IncomingAlert alert : alerts) {
            chain = chain.chain(views -> store(alert, actor).map(view -> {
                views.add(view);
                return views;
            }));
        }
        return chain.map(Receipt::new);
    }

    private Uni<AlertView> store(IncomingAlert incoming, String actor) {
        Diagnosis diagnosis = Diagnostician.diagnose(incoming);
        StoredAlert alert = new StoredAlert();
        alert.id = UUID.randomUUID();
        alert.receivedAt = OffsetDateTime.now(ZoneOffset.UTC);
        alert.source = incoming.source();
        alert.name = incoming.name();
        alert.status = incoming.status();
        alert.severity = incoming.severity() == null ? "none" : incoming.severity();
        alert.subject = incoming.subject();
        alert.summary = incoming.summary();
        alert.fingerprint = incoming.fingerprint();
        alert.category = diagnosis.category().label();
        alert.severityScore = diagnosis.severityScore();
        alert.diagnosis = diagnosis.reasoning();
        alert.payload = write(incoming.details());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", alert.name);
        details.put("status", alert.status);
        details.put("category", alert.category);
        details.put("severity_score", alert.severityScore);
        details.put("subject", String.valueOf(alert.subject));
        return alert.<StoredAlert>persist()
                .chain(saved -> audit.append(new AuditRecord(actor, "alert:" + saved.id, "alert.received",
                        "alert:" + saved.id, saved.diagnosis, null, null, details)))
                .chain(() -> remediation.propose(alert, RemediationPlanner.plan(incoming, diagnosis, agent.notifyFrom())))
                .map(actions -> AlertView.of(alert, actions.stream().map(ActionView::of).toList()));
    }

    private void runAutoActions(Receipt receipt) {
        receipt.alerts().forEach(alert -> alert.actions().stream()
                .filter(action -> ActionStatus.QUEUED.label().equals(action.status()))
                .forEach(action -> runner.submit(action.id())));
    }

    private Uni<Void> refuse(String remote, String verdict, String reason) {
        LOG.warnf("refused an alert delivery from %s: %s (%s)", remote, verdict, reason);
        return Panache.withTransaction(() -> audit.append(new AuditRecord("remote:" + remote, "api", "alert.refused",
                "alerts", reason, null, "refused: " + verdict, Map.of("verdict", verdict)))).replaceWithVoid();
    }

    private String write(Map<String, Object> details) {
        try {
            return json.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new ProblemException(JsonProblems.from(e));
        }
    }
}
