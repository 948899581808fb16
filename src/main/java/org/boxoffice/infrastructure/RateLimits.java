package org.boxoffice.infrastructure;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import io.github.bucket4j.TimeMeter;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Token buckets keyed by a limit's name and a subject (an address, a user, an event). In distributed mode the buckets
 * live in Redis, one script call per use (redis/limits/bucket.lua), so a limit holds across all nodes; in embedded mode
 * they are Bucket4j's, in this process, the least recently used forgotten first once there are very many. A limit protects the service: when Redis cannot be
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

        /** How long an empty bucket takes to fill up (a millisecond more, for rounding), two hours at most. */
        Duration timeToFill() {
            double millis = (double) period.toMillis() * capacity / refill;
            return Duration.ofMillis((long) Math.min(millis + 1, Duration.ofHours(2).toMillis()));
        }

        Bandwidth bandwidth() {
            return Bandwidth.builder().capacity(capacity).refillGreedy(refill, period).build();
        }
    }

    private final @Nullable LuaScripts distributed;
    private final Clock clock;
    /**
     * Each bucket of this process is dropped once it has stood unused for as long as it takes to fill up again: from
     * then on it is a new bucket's equal. Kept for two hours, the buckets of 200,000 buyers of an on-sale took 90 MB
     * of a 1 GiB node (a class histogram of the 500,000-user run) and drove it into collecting garbage non-stop.
     * Time is the service's clock, as the buckets' own.
     */
    private final Cache<String, LocalBucket> local;

    private final TimeMeter time;

    @Autowired
    RateLimits(ObjectProvider<RedisConnections> redis, Clock clock) {
        this(redis.getIfAvailable(), clock);
    }

    RateLimits(@Nullable RedisConnections connections, Clock clock) {
        this.clock = clock;
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
        this.distributed = connections == null ? null : new LuaScripts(connections, "redis/limits", "bucket");
        this.local = Caffeine.newBuilder().maximumSize(LOCAL_BUCKETS).ticker(time::currentTimeNanos)
                .expireAfter(Expiry.accessing((String key, LocalBucket bucket) -> bucket.idle())).build();
    }

    private record LocalBucket(Bucket bucket, Duration idle) {
    }

    /** Takes one token; 0 when allowed, otherwise the seconds to wait before it would be. */
    public long tryTake(Limit limit, String subject) {
        return tryTake(limit, subject, 1);
    }

    /** Takes {@code tokens} at once or none; 0 when allowed, otherwise the seconds to wait. */
    public long tryTake(Limit limit, String subject, long tokens) {
        try {
            return distributed != null ? inRedis(limit, subject, tokens, "take")
                    : secondsToWait(localBucket(limit, subject).tryConsumeAndReturnRemaining(tokens));
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
            return distributed != null ? inRedis(limit, subject, tokens, "peek")
                    : secondsToWait(localBucket(limit, subject).estimateAbilityToConsume(tokens));
        } catch (RuntimeException redisDown) {
            return 0;
        }
    }

    /** Returns tokens taken for something that turned out not to count (never above the bucket's capacity). */
    public void giveBack(Limit limit, String subject, long tokens) {
        try {
            if (distributed != null) {
                inRedis(limit, subject, tokens, "give");
            } else {
                localBucket(limit, subject).addTokens(tokens);
            }
        } catch (RuntimeException redisDown) {
            // the bucket refills by itself
        }
    }

    /** Fills the bucket again, as if the subject had never used it. */
    public void reset(Limit limit, String subject) {
        try {
            if (distributed != null) {
                inRedis(limit, subject, 0, "reset");
            } else {
                localBucket(limit, subject).reset();
            }
        } catch (RuntimeException redisDown) {
            // the bucket refills by itself
        }
    }

    /** One script call: Bucket4j's Redis buckets read and then compare-and-swap, two round trips or more each. */
    private long inRedis(Limit limit, String subject, long tokens, String mode) {
        // a prefix of its own: Bucket4j kept its buckets as strings under "rl:" keys, which nodes of both kinds must not share
        List<Object> result = distributed.run("bucket", new String[] {"rlb:" + key(limit, subject)}, String.valueOf(limit.capacity()),
                String.valueOf(limit.refill()), String.valueOf(limit.period().toMillis()), String.valueOf(clock.millis()),
                String.valueOf(tokens), mode);
        long waitMillis = (Long) result.getFirst();
        return waitMillis == 0 ? 0 : waitOf(TimeUnit.MILLISECONDS.toNanos(waitMillis));
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

    private Bucket localBucket(Limit limit, String subject) {
        return local.get(key(limit, subject), k -> newLocalBucket(limit)).bucket();
    }

    /** How many buckets this process keeps now (after dropping those unused for long enough). */
    long localBuckets() {
        local.cleanUp();
        return local.estimatedSize();
    }

    private static String key(Limit limit, String subject) {
        return "rl:" + limit.name() + ":" + subject;
    }

    private LocalBucket newLocalBucket(Limit limit) {
        return new LocalBucket(Bucket.builder().addLimit(limit.bandwidth()).withCustomTimePrecision(time).build(), limit.timeToFill());
    }
}
