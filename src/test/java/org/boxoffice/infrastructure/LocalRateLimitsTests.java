package org.boxoffice.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LocalRateLimitsTests extends RateLimitsContract {
    private final RateLimits limits = new RateLimits((RedisConnections) null, clock);
    /** 10 tokens, 5 a second: an empty bucket is full again after 2 s. */
    private final RateLimits.Limit fiveASecond = RateLimits.Limit.perSecond("five", 5);

    @Override
    protected RateLimits limits() {
        return limits;
    }

    @Test
    void dropsABucketOnceItWouldHaveFilledUpAgainAndNotBefore() {
        for (String buyer : new String[] {"a", "b", "c"}) {
            assertThat(limits.tryTake(fiveASecond, buyer, 10)).isZero();
        }
        clock.advance(Duration.ofMillis(1900));
        assertThat(limits.localBuckets()).isEqualTo(3);
        assertThat(limits.tryTake(fiveASecond, "a", 10)).as("9.5 tokens refilled, not 10: still limited").isPositive();

        clock.advance(Duration.ofMillis(2001));

        assertThat(limits.localBuckets()).as("a, used again 2 s ago, is full again too").isZero();
        assertThat(limits.tryTake(fiveASecond, "b", 10)).isZero();
    }
}
