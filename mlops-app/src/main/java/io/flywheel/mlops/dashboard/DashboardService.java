package io.flywheel.mlops.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.flywheel.mlops.agent.ActionStatus;
import io.flywheel.mlops.agent.RemediationAction;
import io.flywheel.mlops.agent.RemediationService;
import io.flywheel.mlops.agent.Tier;
import io.flywheel.mlops.audit.AuditEntryView;
import io.flywheel.mlops.audit.AuditLog;
import io.flywheel.mlops.audit.ChainVerification;
import io.flywheel.mlops.jobs.JobRunView;
import io.flywheel.mlops.jobs.JobService;
import io.flywheel.mlops.jobs.JobView;
import io.flywheel.mlops.jobs.RunStatus;
import io.quarkus.qute.TemplateData;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What the jobs, approvals, audit and reports pages show, read through the capabilities' own services. */
@ApplicationScoped
public class DashboardService {

    static final int APPROVAL_QUEUE = 200;
    private static final String DONE = "Done";
    private static final String TOTAL = "Total";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");

    private final JobService jobs;
    private final RemediationService remediation;
    private final AuditLog audit;
    private final Instance<ReportSource> reportSources;
    private final DashboardSettings settings;

    public DashboardService(JobService jobs, RemediationService remediation, AuditLog audit,
                            Instance<ReportSource> reportSources, DashboardSettings settings) {
        this.jobs = jobs;
        this.remediation = remediation;
        this.audit = audit;
        this.reportSources = reportSources;
        this.settings = settings;
    }

    /** The jobs with their schedules, and the newest runs of all of them. */
    public Uni<JobsPage> jobs() {
        return jobs.jobs().chain(catalog -> jobs.runs(null, null, 0, settings.jobRuns())
                .map(page -> new JobsPage(catalog.stream().map(JobRow::of).toList(), page.runs().stream().map(DashboardService::runRow).toList())));
    }

    /** What waits for a decision, oldest first: the order in which an approver should look at it. */
    public Uni<List<ApprovalRow>> approvals() {
        return remediation.list(ActionStatus.AWAITING_APPROVAL, null, APPROVAL_QUEUE).map(actions -> actions.stream()
                .sorted(Comparator.comparing((RemediationAction action) -> action.createdAt))
                .map(DashboardService::approvalRow).toList());
    }

    /** The chain's verification and the newest entries. */
    public Uni<AuditPage> audit() {
        return audit.verify().chain(verification -> audit.list(null, null, settings.auditEntries())
                .map(entries -> new AuditPage(chainStatus(verification),
                        entries.stream().map(DashboardService::auditRow).toList())));
    }

    /** Every source's reports, newest first. */
    public Uni<List<ReportLink>> reports(int limit) {
        List<Uni<List<ReportLink>>> all = new ArrayList<>();
        reportSources.forEach(source -> all.add(source.reports(limit)));
        if (all.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Multi.createFrom().iterable(all).onItem().transformToUniAndConcatenate(reports -> reports)
                .collect().asList().map(lists -> lists.stream().flatMap(List::stream)
                        .sorted(Comparator.comparing(ReportLink::createdAt).reversed()).limit(limit).toList());
    }

    static RunRow runRow(JobRunView run) {
        RunStatus status = run.status();
        long[] counted = counted(run.progress());
        return new RunRow(run.id().toString(), run.job(), status.label(), run.trigger(), run.triggeredBy(),
                time(run.queuedAt()), run.durationMs() == null ? "" : Duration.ofMillis(run.durationMs()).toString()
                .substring(2).toLowerCase(), pairs(run.progress()),
                status == RunStatus.QUEUED || status == RunStatus.RUNNING, counted == null ? null : counted[0],
                counted == null ? null : counted[1], pairs(run.outputs()), run.error());
    }

    /** The first {@code <x>Done}/{@code <x>Total} pair of numbers a job reports, e.g. retrain's fitsDone/fitsTotal. */
    private static long[] counted(JsonNode progress) {
        if (progress == null || !progress.isObject()) {
            return null;
        }
        Iterator<String> names = progress.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (name.endsWith(DONE) && progress.path(name).isNumber()) {
                JsonNode total = progress.path(name.substring(0, name.length() - DONE.length()) + TOTAL);
                if (total.isNumber() && total.asLong() > 0) {
                    return new long[] {progress.path(name).asLong(), total.asLong()};
                }
            }
        }
        return null;
    }

    private static ApprovalRow approvalRow(RemediationAction action) {
        return new ApprovalRow(action.id.toString(), action.type, action.tier, action.target, action.parameters,
                action.reasoning, action.predictedImpact, action.proposedBy, time(action.createdAt),
                Tier.HUMAN_ONLY.label().equals(action.tier));
    }

    private static AuditRow auditRow(AuditEntryView entry) {
        return new AuditRow(entry.seq(), time(entry.at()), entry.actor(), entry.trigger(), entry.action(),
                entry.target(), entry.reasoning(), entry.approver(), entry.outcome(), entry.hash());
    }

    private static ChainStatus chainStatus(ChainVerification verification) {
        return new ChainStatus(verification.intact(), verification.entries(), verification.lastHash(),
                verification.firstBroken() == null ? null : verification.firstBroken().seq(),
                verification.firstBroken() == null ? null : verification.firstBroken().reason());
    }

    /** A JSON object's fields as {@code key: value} pairs, nested values as their JSON. */
    private static String pairs(JsonNode node) {
        if (node == null || !node.isObject()) {
            return "";
        }
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
        node.fields().forEachRemaining(fields::add);
        return fields.stream().map(field -> field.getKey() + ": " + (field.getValue().isValueNode()
                ? field.getValue().asText() : field.getValue().toString())).collect(Collectors.joining(" · "));
    }

    private static String time(OffsetDateTime at) {
        return at == null ? "" : at.format(TIME);
    }

    /** The jobs page: every job and the newest runs. */
    @TemplateData
    public record JobsPage(List<JobRow> jobs, List<RunRow> runs) {

        /** Whether a run is queued or running, so that the page refreshes itself until they end. */
        public boolean anyActive() {
            return runs.stream().anyMatch(RunRow::active);
        }
    }

    /** One job: what it does, its schedule, when it runs next and whether it runs now. */
    @TemplateData
    public record JobRow(String name, String description, String schedule, String nextRun, boolean running) {

        static JobRow of(JobView job) {
            return new JobRow(job.name(), job.description(), job.schedule(),
                    job.nextRun() == null ? "" : job.nextRun().toString(), job.running());
        }
    }

    /** The audit page: the chain's status and the newest entries. */
    @TemplateData
    public record AuditPage(ChainStatus chain, List<AuditRow> entries) {
    }
}
