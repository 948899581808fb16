package org.boxoffice.waitingroom.internal;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.redis.lettuce.cas.LettuceBasedProxyManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.boxoffice.shared.RedisConnections;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Token buckets (Bucket4j) per IP address, per user and per event. In distributed mode the buckets live in Redis,
 * so a limit holds across all nodes; in embedded mode they live in this process.
 */
@Component
public class RateLimits {
    public enum Scope {
        IP, USER, EVENT
    }

    private final Map<Scope, BucketConfiguration> configurations;
    private final Function<String, ConsumptionProbe> distributed;
    private final Map<String, Bucket> local = new ConcurrentHashMap<>();

    RateLimits(ObjectProvider<RedisConnections> redis,
               @Value("${boxoffice.ratelimit.per-ip:50}") long perIp,
               @Value("${boxoffice.ratelimit.per-user:5}") long perUser,
               @Value("${boxoffice.ratelimit.per-event:2000}") long perEvent) {
        this.configurations = Map.of(Scope.IP, perSecond(perIp), Scope.USER, perSecond(perUser), Scope.EVENT, perSecond(perEvent));
        RedisConnections connections = redis.getIfAvailable();
        if (connections == null) {
            this.distributed = null;
        } else {
            LettuceBasedProxyManager<byte[]> buckets = LettuceBasedProxyManager.builderFor(connections.client())
                    .withExpirationStrategy(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                    .build();
            this.distributed = key -> buckets.builder().build(key.getBytes(StandardCharsets.UTF_8), () -> configurationOf(key))
                    .tryConsumeAndReturnRemaining(1);
        }
    }

    /** A burst of twice the rate, refilled continuously. */
    private static BucketConfiguration perSecond(long rate) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(rate * 2).refillGreedy(rate, Duration.ofSeconds(1)).build())
                .build();
    }

    private BucketConfiguration configurationOf(String key) {
        return configurations.get(Scope.valueOf(key.substring(3, key.indexOf(':', 3))));
    }

    /** Takes one token; returns 0 when allowed, otherwise the seconds to wait. */
    public long tryTake(Scope scope, String subject) {
        String key = "rl:" + scope + ":" + subject;
        ConsumptionProbe probe;
        try {
            probe = distributed != null ? distributed.apply(key) : localBucket(key, scope).tryConsumeAndReturnRemaining(1);
        } catch (RuntimeException redisDown) {
            return 0; // limits protect the service; they must not take it down with Redis
        }
        return probe.isConsumed() ? 0 : Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
    }

    private Bucket localBucket(String key, Scope scope) {
        if (local.size() > 200_000) {
            local.clear();
        }
        return local.computeIfAbsent(key, k -> Bucket.builder().addLimit(configurations.get(scope).getBandwidths()[0]).build());
    }
}
