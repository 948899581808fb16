package org.boxoffice.inventory.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.boxoffice.inventory.SeatCounts;
import org.junit.jupiter.api.Test;

class RecentCountsTests {
    private static final long EVENT = 7;
    private static final long MAX_AGE = RecentCounts.MAX_AGE.toNanos();

    private final AtomicLong nanos = new AtomicLong(1_000);
    private final RecentCounts recent = new RecentCounts(nanos::get);
    private final AtomicInteger reads = new AtomicInteger();
    private static final long NOW_MS = 1_900_000_000_000L;

    /** What Redis would count now: each read sees one more sold seat than the one before, and a hold due in a second. */
    private final Supplier<RecentCounts.Counted> redis = () -> new RecentCounts.Counted(new SeatCounts(10, 1, reads.incrementAndGet(), 0),
            NOW_MS + 1_000);

    @Test
    void readsWithinTheMaximumAgeShareOneRead() {
        SeatCounts first = recent.get(EVENT, NOW_MS, redis);
        nanos.addAndGet(MAX_AGE - 1);

        assertThat(recent.get(EVENT, NOW_MS, redis)).isSameAs(first);
        assertThat(reads).hasValue(1);
    }

    @Test
    void readsAgainOnceTheReadIsAsOldAsTheMaximumAge() {
        recent.get(EVENT, NOW_MS, redis);
        nanos.addAndGet(MAX_AGE);

        assertThat(recent.get(EVENT, NOW_MS, redis).sold()).isEqualTo(2);
    }

    @Test
    void readsAgainOnceAHoldOfTheEventFallsDue() {
        recent.get(EVENT, NOW_MS, redis);

        assertThat(recent.get(EVENT, NOW_MS + 999, redis).sold()).isEqualTo(1);
        assertThat(recent.get(EVENT, NOW_MS + 1_000, redis).sold()).isEqualTo(2);
    }

    @Test
    void readsAgainAtOnceAfterThisNodeChangedTheSeats() {
        recent.get(EVENT, NOW_MS, redis);

        recent.forget(EVENT);
        nanos.incrementAndGet();

        assertThat(recent.get(EVENT, NOW_MS, redis).sold()).isEqualTo(2);
        assertThat(recent.get(EVENT, NOW_MS, redis).sold()).as("and shares that read").isEqualTo(2);
    }

    @Test
    void keepsNoReadThatBeganBeforeThisNodeChangedTheSeats() {
        SeatCounts begunBefore = recent.get(EVENT, NOW_MS, () -> {
            nanos.addAndGet(10);
            recent.forget(EVENT); // the node changes seats while this read is on its way
            return redis.get();
        });
        assertThat(begunBefore.sold()).isEqualTo(1);

        assertThat(recent.get(EVENT, NOW_MS, redis).sold()).isEqualTo(2);
    }
}
