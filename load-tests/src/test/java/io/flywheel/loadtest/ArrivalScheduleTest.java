package io.flywheel.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.PrimitiveIterator;
import org.junit.jupiter.api.Test;

class ArrivalScheduleTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aConstantRateSpacesArrivalsEvenlyFromTheStart() {
        List<Long> arrivals = all(ArrivalSchedule.constant(0, 10, 2 * SECOND));

        assertThat(arrivals).hasSize(20);
        assertThat(arrivals.get(0)).isZero();
        assertThat(arrivals.get(1)).isEqualTo(SECOND / 10);
        assertThat(arrivals.get(19)).isEqualTo(19 * SECOND / 10);
    }

    @Test
    void aRampSendsAsManyArrivalsAsTheAreaUnderTheRateAndBunchesThemAtTheHighEnd() {
        ArrivalSchedule ramp = ArrivalSchedule.startingAt(0, 0).rampTo(100, 2 * SECOND).build();

        List<Long> arrivals = all(ramp);

        assertThat(arrivals).hasSize(100); // (0 + 100) / 2 per second × 2 s
        long firstGap = arrivals.get(2) - arrivals.get(1);
        long lastGap = arrivals.get(99) - arrivals.get(98);
        assertThat(lastGap).isLessThan(firstGap / 4);
        assertThat(arrivals).isSorted().allMatch(t -> t >= 0 && t < 2 * SECOND);
    }

    @Test
    void stagesFollowOneAnotherAfterTheStartTime() {
        ArrivalSchedule schedule = ArrivalSchedule.startingAt(5 * SECOND, 10).holdFor(SECOND).rampTo(0, SECOND).build();

        List<Long> arrivals = all(schedule);

        assertThat(arrivals).hasSize(15);
        assertThat(arrivals.get(0)).isEqualTo(5 * SECOND);
        assertThat(arrivals.get(10)).isEqualTo(6 * SECOND);
        assertThat(schedule.endNanos()).isEqualTo(7 * SECOND);
    }

    @Test
    void aNegativeRateIsRefused() {
        assertThatThrownBy(() -> ArrivalSchedule.constant(0, -1, SECOND)).hasMessageContaining("≥ 0");
    }

    @Test
    void k6DurationsAreUnderstoodAndNonsenseIsNot() {
        assertThat(K6Duration.parse("1m30s").toMillis()).isEqualTo(90_000);
        assertThat(K6Duration.parse("500ms").toMillis()).isEqualTo(500);
        assertThat(K6Duration.parse("4h").toHours()).isEqualTo(4);
        assertThatThrownBy(() -> K6Duration.parse("10 seconds")).hasMessageContaining("not a k6 duration");
    }

    private static List<Long> all(ArrivalSchedule schedule) {
        List<Long> times = new ArrayList<>();
        PrimitiveIterator.OfLong arrivals = schedule.arrivals();
        arrivals.forEachRemaining((long t) -> times.add(t));
        return times;
    }
}
