package org.boxoffice.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.boxoffice.support.Concurrently;
import org.boxoffice.support.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The same contract against the real Redis server, where every node of a cluster takes from one bucket. */
class RedisRateLimitsTests extends RateLimitsContract {
    private static RedisConnections redis;
    private final RateLimits limits = new RateLimits(redis, clock);

    @BeforeAll
    static void connect() {
        redis = new RedisConnections(RedisServer.url(12), Duration.ofSeconds(2));
    }

    @AfterAll
    static void disconnect() {
        redis.destroy();
    }

    @Override
    protected RateLimits limits() {
        return limits;
    }

    @Test
    void manyTakersOfOneHotBucketNeverTakeMoreThanItHolds() throws Exception {
        // a venue's whole audience behind one address: the key that read-then-swap buckets kept retrying on
        RateLimits.Limit hot = new RateLimits.Limit("hot-" + UUID.randomUUID(), 100, 1, Duration.ofHours(1));
        AtomicInteger taken = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();

        Concurrently.run(16, thread -> {
            for (int i = 0; i < 20; i++) {
                (limits.tryTake(hot, "10.0.0.1") == 0 ? taken : refused).incrementAndGet();
            }
            return null;
        });

        assertThat(taken).hasValue(100);
        assertThat(refused).hasValue(16 * 20 - 100);
    }

    @Test
    void aRedisThatCannotBeReachedLetsRequestsPass() {
        RedisConnections unreachable = new RedisConnections("redis://127.0.0.1:1", Duration.ofMillis(200));
        try {
            RateLimits limits = new RateLimits(unreachable, clock);
            RateLimits.Limit one = new RateLimits.Limit("down-" + UUID.randomUUID(), 1, 1, Duration.ofHours(1));
            assertThat(limits.tryTake(one, "alice")).isZero();
            assertThat(limits.tryTake(one, "alice")).as("nothing could be counted").isZero();
        } finally {
            unreachable.destroy();
        }
    }
}
