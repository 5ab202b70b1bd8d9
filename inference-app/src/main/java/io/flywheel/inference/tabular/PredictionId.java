package io.flywheel.inference.tabular;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ids of predictions: UUID version 7 (RFC 9562), a millisecond timestamp followed by 74 random bits. Time-ordered, so
 * that rows of the prediction log append to the end of its primary-key index; drawn from the thread's own generator,
 * so that no lock is shared by the request threads.
 */
final class PredictionId {

    private static final long VERSION_7 = 0x7000L;
    private static final long VARIANT = 0x8000_0000_0000_0000L;

    private PredictionId() {
    }

    static UUID next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = System.currentTimeMillis() << 16 | VERSION_7 | random.nextInt(1 << 12);
        long low = VARIANT | random.nextLong() >>> 2;
        return new UUID(high, low);
    }
}
