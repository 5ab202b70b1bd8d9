package io.flywheel.loadtest;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PrimitiveIterator;

/**
 * When each request of an open-model scenario is meant to be sent, independently of how fast the server answers:
 * arrivals follow a piecewise-linear rate (constant, or ramping between k6 stages). Arrival k is due at the time t
 * where the integral of the rate from the start reaches k, so the first is due at the start.
 */
final class ArrivalSchedule {

    /** A stretch of time over which the rate moves linearly from {@code from} to {@code to} (per second). */
    private record Segment(long startNanos, long lengthNanos, double from, double to) {

        double arrivals() {
            return (from + to) / 2 * lengthNanos / 1e9;
        }

        /** Seconds into this segment at which {@code count} arrivals have accumulated (0 ≤ count ≤ arrivals()). */
        double secondsFor(double count) {
            double length = lengthNanos / 1e9;
            double slope = (to - from) / length;
            if (Math.abs(slope) < 1e-12) {
                return count / from;
            }
            // count = from·t + slope·t²/2  →  t = (−from + √(from² + 2·slope·count)) / slope
            double discriminant = Math.max(0, from * from + 2 * slope * count);
            return (-from + Math.sqrt(discriminant)) / slope;
        }
    }

    private final List<Segment> segments;
    private final long endNanos;

    private ArrivalSchedule(List<Segment> segments, long endNanos) {
        this.segments = List.copyOf(segments);
        this.endNanos = endNanos;
    }

    static ArrivalSchedule constant(long startNanos, double perSecond, long lengthNanos) {
        return startingAt(startNanos, perSecond).holdFor(lengthNanos).build();
    }

    static Builder startingAt(long startNanos, double perSecond) {
        return new Builder(startNanos, perSecond);
    }

    /** When the scenario's last arrival is due at the latest (its start time plus all stages). */
    long endNanos() {
        return endNanos;
    }

    /**
     * The intended send times, in nanoseconds from the start of the run, computed lazily (a soak profile has millions).
     */
    PrimitiveIterator.OfLong arrivals() {
        return new PrimitiveIterator.OfLong() {
            private int segment;
            private double before; // arrivals accumulated in the segments already passed
            private long next;

            @Override
            public boolean hasNext() {
                while (segment < segments.size() && next >= before + segments.get(segment).arrivals() - 1e-9) {
                    before += segments.get(segment).arrivals();
                    segment++;
                }
                return segment < segments.size();
            }

            @Override
            public long nextLong() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Segment current = segments.get(segment);
                double seconds = current.secondsFor(next - before);
                next++;
                return current.startNanos() + Math.min(current.lengthNanos() - 1, (long) (seconds * 1e9));
            }
        };
    }

    static final class Builder {
        private final List<Segment> segments = new ArrayList<>();
        private long cursor;
        private double rate;

        private Builder(long startNanos, double perSecond) {
            this.cursor = startNanos;
            this.rate = requireRate(perSecond);
        }

        Builder rampTo(double perSecond, long lengthNanos) {
            requireRate(perSecond);
            if (lengthNanos > 0) {
                segments.add(new Segment(cursor, lengthNanos, rate, perSecond));
                cursor += lengthNanos;
            }
            rate = perSecond;
            return this;
        }

        Builder holdFor(long lengthNanos) {
            return rampTo(rate, lengthNanos);
        }

        ArrivalSchedule build() {
            return new ArrivalSchedule(segments, cursor);
        }

        private static double requireRate(double perSecond) {
            if (perSecond < 0 || Double.isNaN(perSecond) || Double.isInfinite(perSecond)) {
                throw new IllegalArgumentException("an arrival rate must be a finite number ≥ 0, was " + perSecond);
            }
            return perSecond;
        }
    }
}
