package io.flywheel.mlops;

import io.flywheel.mlops.alerts.AlertmanagerWebhook;
import io.flywheel.mlops.data.DatasetProfile;
import io.flywheel.mlops.drift.DriftReportView;
import io.flywheel.mlops.evaluation.GateCheck;
import io.flywheel.mlops.notify.Notification;
import io.flywheel.mlops.training.CandidateReport;
import io.flywheel.shared.assistant.AssistantConfig;
import io.flywheel.shared.data.FeatureSchema;
import io.flywheel.shared.golden.ExpectedSpan;
import io.flywheel.shared.problem.Problem;
import io.flywheel.shared.tabular.TabularModelArtifact;
import io.flywheel.shared.validation.AllowedCategories;
import io.flywheel.shared.validation.ClassBalance;
import io.flywheel.shared.validation.MaxDuplicateRate;
import io.flywheel.shared.validation.MaxNullRate;
import io.flywheel.shared.validation.MinRows;
import io.flywheel.shared.validation.NumericRange;
import io.flywheel.shared.validation.RequiredColumn;
import io.flywheel.shared.validation.ValidationReport;
import io.flywheel.shared.validation.ValidationSuite;
import io.flywheel.testing.NativeReflection;
import java.nio.file.Path;
import io.flywheel.mlops.rollout.VersionCounters;
import org.junit.jupiter.api.Test;

/** The native executable of mlops-app reflects only on what native-profiles/mlops-app registers. */
class NativeReflectionConfigTest {

    @Test
    void registersEveryClassJacksonReachesOutsideRestEndpoints() throws ClassNotFoundException {
        // roots: the model artifacts it writes after training and reads when a version is registered (ArtifactCodec,
        // with its header check); the assistant configurations the registry reads to check an uploaded version; what
        // the data, validation, training and evaluation capabilities store as JSON (snapshot schemas and profiles,
        // suites and reports), record in the registry (candidate reports, gate checks) and answer outside resources
        // (the upload guard's problem); the Alertmanager webhooks it reads from raw (signed) bytes, the notifications
        // it posts to webhooks; the drift reports it stores; the golden set's expected spans (stored as JSON text);
        // the per-pod counters a rollout stores as its step's baseline
        NativeReflection.assertComplete(
                Path.of("../native-profiles/mlops-app/META-INF/native-image/io.flywheel/mlops-app/reflect-config.json"),
                TabularModelArtifact.class, Class.forName("io.flywheel.shared.tabular.ArtifactCodec$Header"),
                AssistantConfig.class, FeatureSchema.class, DatasetProfile.class, ValidationSuite.class,
                ValidationReport.class, RequiredColumn.class, NumericRange.class, AllowedCategories.class,
                MaxNullRate.class, MaxDuplicateRate.class, MinRows.class, ClassBalance.class, CandidateReport.class,
                GateCheck.class, Problem.class, AlertmanagerWebhook.class, Notification.class, DriftReportView.class,
                ExpectedSpan.class, VersionCounters.class);
    }
}
