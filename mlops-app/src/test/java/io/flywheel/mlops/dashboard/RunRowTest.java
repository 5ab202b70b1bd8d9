package io.flywheel.mlops.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flywheel.mlops.jobs.JobRunView;
import io.flywheel.mlops.jobs.RunStatus;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** How a job run reads on the jobs page: its progress as words, and as a bar when it counts its work. */
class RunRowTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRunThatCountsItsWorkGetsABarAndItsProgressInWords() throws Exception {
        RunRow row = DashboardService.runRow(run(RunStatus.RUNNING,
                "{\"stage\":\"train\",\"fitsDone\":4,\"fitsTotal\":12,\"validation\":{\"passed\":true}}", 65_400L));

        assertThat(row.active()).isTrue();
        assertThat(row.done()).isEqualTo(4);
        assertThat(row.total()).isEqualTo(12);
        assertThat(row.progress()).isEqualTo("stage: train · fitsDone: 4 · fitsTotal: 12 · validation: {\"passed\":true}");
        assertThat(row.duration()).isEqualTo("1m5.4s");
    }

    @Test
    void aRunWithoutCountsOrWithAZeroTotalHasNoBarAndAFinishedOneIsNotActive() throws Exception {
        RunRow uncounted = DashboardService.runRow(run(RunStatus.SUCCEEDED, "{\"stage\":\"load\"}", null));
        RunRow zero = DashboardService.runRow(run(RunStatus.FAILED, "{\"rowsDone\":0,\"rowsTotal\":0}", null));

        assertThat(uncounted.active()).isFalse();
        assertThat(uncounted.total()).isNull();
        assertThat(uncounted.duration()).isEmpty();
        assertThat(zero.total()).isNull();
    }

    private static JobRunView run(RunStatus status, String progress, Long durationMs) throws Exception {
        return new JobRunView(UUID.randomUUID(), "retrain", status, "api", "key:ops", Map.of(), "host",
                OffsetDateTime.parse("2026-12-06T10:00:00Z"), null, null, durationMs, JSON.readTree(progress), null,
                null, null);
    }
}
