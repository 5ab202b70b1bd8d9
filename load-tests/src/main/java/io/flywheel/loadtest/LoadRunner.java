package io.flywheel.loadtest;

import io.flywheel.loadtest.ScenarioFile.Profile;
import io.flywheel.loadtest.ScenarioFile.Scenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PrimitiveIterator;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives the scenarios of one profile as an open model: each scenario sends on its own schedule (constant or ramping
 * arrival rate) no matter how slowly the server answers, with at most maxVUs iterations in flight. When all are busy
 * the next arrival waits for one to finish and its latency still counts from when it was due (no coordinated
 * omission). Arrivals still unsent when the scenario's grace period ends are counted as dropped iterations. The run
 * always ends: the schedule is finite and the grace period bounds the wait for late answers.
 */
final class LoadRunner {

    private final RequestSender sender;
    private final Duration gracefulStop;

    LoadRunner(RequestSender sender, Duration gracefulStop) {
        this.sender = sender;
        this.gracefulStop = gracefulStop;
    }

    /** The scenarios of the profile that a run of {@code only} drives: those named, with the warm-ups of their requests. */
    static Map<String, Scenario> chosen(Profile profile, List<String> only) {
        Map<String, Scenario> chosen = new LinkedHashMap<>();
        profile.scenarios().forEach((name, scenario) -> {
            if (only.isEmpty() || only.contains(name) || (name.startsWith("warmup") && only.contains(scenario.request()))) {
                chosen.put(name, scenario);
            }
        });
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("none of " + only + " is a scenario of this profile: " + profile.scenarios().keySet());
        }
        return chosen;
    }

    /** Runs the named scenarios of the profile (all of them when {@code only} is empty) and measures them. */
    Map<String, Measurements.Snapshot> run(Profile profile, List<String> only) {
        Map<String, Scenario> chosen = chosen(profile, only);
        long start = System.nanoTime();
        Map<String, Measurements> measurements = new LinkedHashMap<>();
        List<Thread> schedulers = new ArrayList<>();
        chosen.forEach((name, scenario) -> {
            Measurements measured = new Measurements();
            measurements.put(name, measured);
            Thread thread = new Thread(() -> drive(scenario, start, measured), "load-" + name);
            thread.setDaemon(true);
            schedulers.add(thread);
            thread.start();
        });
        for (Thread thread : schedulers) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the load ran", e);
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        Map<String, Measurements.Snapshot> result = new LinkedHashMap<>();
        measurements.forEach((name, measured) -> result.put(name, measured.snapshot(elapsed)));
        return result;
    }

    private void drive(Scenario scenario, long start, Measurements measurements) {
        ArrivalSchedule schedule = scenario.schedule();
        Semaphore inFlight = new Semaphore(scenario.inFlightLimit());
        long hardStop = start + schedule.endNanos() + gracefulStop.toNanos();
        PrimitiveIterator.OfLong arrivals = schedule.arrivals();
        while (arrivals.hasNext()) {
            long due = start + arrivals.nextLong();
            parkUntil(due);
            if (!acquireBefore(inFlight, hardStop)) {
                measurements.dropped(1 + count(arrivals));
                break;
            }
            sender.iteration(scenario.request(), due, measurements).whenComplete((done, error) -> {
                measurements.iterationDone();
                inFlight.release();
            });
        }
        // Wait for the answers still in flight, but never past the grace period.
        acquireBefore(inFlight, hardStop, scenario.inFlightLimit());
    }

    private static boolean acquireBefore(Semaphore semaphore, long deadline) {
        return acquireBefore(semaphore, deadline, 1);
    }

    private static boolean acquireBefore(Semaphore semaphore, long deadline, int permits) {
        try {
            return semaphore.tryAcquire(permits, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void parkUntil(long due) {
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    private static long count(PrimitiveIterator.OfLong rest) {
        long count = 0;
        while (rest.hasNext()) {
            rest.nextLong();
            count++;
        }
        return count;
    }
}
