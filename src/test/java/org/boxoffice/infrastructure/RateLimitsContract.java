package org.boxoffice.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.boxoffice.support.MutableClock;
import org.junit.jupiter.api.Test;

/** What a rate limit promises, in this process (Bucket4j) and in Redis (one script call per use) alike. */
abstract class RateLimitsContract {
    protected final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T20:00:00Z"));
    /** Three tokens, one more each second; a name of its own per test, as the Redis database is shared. */
    private final RateLimits.Limit limit = new RateLimits.Limit("test-" + UUID.randomUUID(), 3, 1, Duration.ofSeconds(1));

    protected abstract RateLimits limits();

    @Test
    void takesUpToTheCapacityThenTellsHowLongToWait() {
        for (int i = 0; i < 3; i++) {
            assertThat(limits().tryTake(limit, "alice")).isZero();
        }
        assertThat(limits().tryTake(limit, "alice")).isBetween(1L, 2L);
        assertThat(limits().tryTake(limit, "bob")).as("another subject has a bucket of its own").isZero();
    }

    @Test
    void refillsEvenlyWithTheServiceClock() {
        assertThat(limits().tryTake(limit, "alice", 3)).isZero();
        clock.advance(Duration.ofMillis(999));
        assertThat(limits().tryTake(limit, "alice")).isPositive();
        clock.advance(Duration.ofMillis(1));
        assertThat(limits().tryTake(limit, "alice")).isZero();
        assertThat(limits().tryTake(limit, "alice")).isPositive();
        clock.advance(Duration.ofHours(1));
        assertThat(limits().tryTake(limit, "alice", 3)).as("never more than the capacity").isZero();
        assertThat(limits().tryTake(limit, "alice")).isPositive();
    }

    @Test
    void takesSeveralTokensAtOnceOrNone() {
        assertThat(limits().tryTake(limit, "alice", 2)).isZero();
        assertThat(limits().tryTake(limit, "alice", 2)).isPositive();
        assertThat(limits().tryTake(limit, "alice", 1)).as("the refused take took nothing").isZero();
    }

    @Test
    void peekingTakesNothing() {
        assertThat(limits().tryTake(limit, "alice", 2)).isZero();
        assertThat(limits().peek(limit, "alice", 1)).isZero();
        assertThat(limits().peek(limit, "alice", 2)).isPositive();
        assertThat(limits().tryTake(limit, "alice", 1)).isZero();
        assertThat(limits().peek(limit, "alice", 1)).isPositive();
    }

    @Test
    void tokensGivenBackCanBeTakenAgainButNeverAboveTheCapacity() {
        assertThat(limits().tryTake(limit, "alice", 3)).isZero();
        limits().giveBack(limit, "alice", 1);
        assertThat(limits().tryTake(limit, "alice")).isZero();
        limits().giveBack(limit, "alice", 10);
        assertThat(limits().tryTake(limit, "alice", 4)).isPositive();
        assertThat(limits().tryTake(limit, "alice", 3)).isZero();
    }

    @Test
    void resetFillsTheBucket() {
        assertThat(limits().tryTake(limit, "alice", 3)).isZero();
        limits().reset(limit, "alice");
        assertThat(limits().tryTake(limit, "alice", 3)).isZero();
    }
}
