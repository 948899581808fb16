package org.boxoffice.shared;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.cas.LettuceBasedProxyManager;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import io.github.bucket4j.TimeMeter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Token buckets (Bucket4j) keyed by a limit's name and a subject (an address, a user, an event). In distributed mode
 * the buckets live in Redis, so a limit holds across all nodes; in embedded mode they live in this process, the least
 * recently used forgotten first once there are very many. A limit protects the service: when Redis cannot be
 * reached, requests pass rather than fail. Time is the service's clock, so that tests that move the clock decide when
 * a bucket refills instead of the speed of the machine running them.
 */
@Component
public class RateLimits {
    private static final int LOCAL_BUCKETS = 200_000;

    /** {@code capacity} tokens at most, refilled evenly at {@code refill} tokens per {@code period}. */
    public record Limit(String name, long capacity, long refill, Duration period) {
        /** A steady rate per second with a burst of twice that. */
        public static Limit perSecond(String name, long rate) {
            return new Limit(name, rate * 2, rate, Duration.ofSeconds(1));
        }

        /**
         * This node's share when {@code nodes} nodes enforce the limit each in memory: a rate and burst {@code nodes}
         * times smaller (a burst of at least one), so that all nodes together allow what the limit allows.
         */
        public Limit share(int nodes) {
            return nodes <= 1 ? this : new Limit(name + "/" + nodes, Math.max(1, capacity / nodes), refill, period.multipliedBy(nodes));
        }

        BucketConfiguration configuration() {
            return BucketConfiguration.builder()
                    .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(refill, period).build())
                    .build();
        }
    }

    private final ProxyManager<byte[]> distributed;
    private final Cache<String, Bucket> local = Caffeine.newBuilder().maximumSize(LOCAL_BUCKETS)
            .expireAfterAccess(Duration.ofHours(2)).build();

    private final TimeMeter time;

    RateLimits(ObjectProvider<RedisConnections> redis, Clock clock) {
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return TimeUnit.MILLISECONDS.toNanos(clock.millis());
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
        RedisConnections connections = redis.getIfAvailable();
        this.distributed = connections == null ? null : LettuceBasedProxyManager.builderFor(connections.client())
                .withExpirationStrategy(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                .withClientSideConfig(ClientSideConfig.getDefault().withClientClock(time))
                .build();
    }

    /** Takes one token; 0 when allowed, otherwise the seconds to wait before it would be. */
    public long tryTake(Limit limit, String subject) {
        return tryTake(limit, subject, 1);
    }

    /** Takes {@code tokens} at once or none; 0 when allowed, otherwise the seconds to wait. */
    public long tryTake(Limit limit, String subject, long tokens) {
        try {
            return secondsToWait(bucket(limit, subject).tryConsumeAndReturnRemaining(tokens));
        } catch (RuntimeException redisDown) {
            return 0;
        }
    }

    /**
     * Takes one token from a bucket of this process, also in distributed mode: for the hot doors of an on-sale,
     * where a round trip per request would cost more than the request; see {@link Limit#share}.
     */
    public long tryTakeHere(Limit limit, String subject) {
        return secondsToWait(localBucket(limit, subject).tryConsumeAndReturnRemaining(1));
    }

    /** Whether {@code tokens} could be taken now, without taking them; 0 when they could, otherwise the seconds to wait. */
    public long peek(Limit limit, String subject, long tokens) {
        try {
            return secondsToWait(bucket(limit, subject).estimateAbilityToConsume(tokens));
        } catch (RuntimeException redisDown) {
            return 0;
        }
    }

    /** Returns tokens taken for something that turned out not to count (never above the bucket's capacity). */
    public void giveBack(Limit limit, String subject, long tokens) {
        try {
            bucket(limit, subject).addTokens(tokens);
        } catch (RuntimeException redisDown) {
            // the bucket refills by itself
        }
    }

    /** Fills the bucket again, as if the subject had never used it. */
    public void reset(Limit limit, String subject) {
        try {
            bucket(limit, subject).reset();
        } catch (RuntimeException redisDown) {
            // the bucket refills by itself
        }
    }

    private static long secondsToWait(ConsumptionProbe probe) {
        return probe.isConsumed() ? 0 : waitOf(probe.getNanosToWaitForRefill());
    }

    private static long secondsToWait(io.github.bucket4j.EstimationProbe probe) {
        return probe.canBeConsumed() ? 0 : waitOf(probe.getNanosToWaitForRefill());
    }

    private static long waitOf(long nanos) {
        return Math.max(1, Duration.ofNanos(nanos).toSeconds() + 1);
    }

    private Bucket bucket(Limit limit, String subject) {
        if (distributed != null) {
            return distributed.builder().build(key(limit, subject).getBytes(StandardCharsets.UTF_8), limit::configuration);
        }
        return localBucket(limit, subject);
    }

    private Bucket localBucket(Limit limit, String subject) {
        return local.get(key(limit, subject), k -> newLocalBucket(limit));
    }

    private static String key(Limit limit, String subject) {
        return "rl:" + limit.name() + ":" + subject;
    }

    private Bucket newLocalBucket(Limit limit) {
        return Bucket.builder().addLimit(limit.configuration().getBandwidths()[0]).withCustomTimePrecision(time).build();
    }
}
