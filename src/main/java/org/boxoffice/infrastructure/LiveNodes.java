package org.boxoffice.infrastructure;

import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * How many nodes serve right now, so that a budget meant for the whole service (a rate limit) can be split among them
 * and enforced by each in memory, without a round trip per request. In distributed mode every node says it is alive
 * in a Redis sorted set once a second; a node silent for five seconds no longer counts. In embedded mode there is one.
 * While Redis cannot be reached, the last count stands.
 */
@Component
public class LiveNodes {
    private static final Logger log = LoggerFactory.getLogger(LiveNodes.class);
    static final String KEY = "boxoffice:nodes";
    private static final long SILENT_AFTER_MS = 5_000;

    private final RedisConnections redis;
    private final String self = UUID.randomUUID().toString();
    private volatile int count = 1;

    LiveNodes(ObjectProvider<RedisConnections> redis) {
        this.redis = redis.getIfAvailable();
    }

    public int count() {
        return count;
    }

    @Scheduled(fixedDelay = 1000, initialDelay = 0)
    void sayAlive() {
        if (redis == null) {
            return;
        }
        try {
            long now = System.currentTimeMillis(); // the wall clock: nodes compare their times with each other
            redis.commands().zadd(KEY, now, self);
            redis.commands().zremrangebyscore(KEY, io.lettuce.core.Range.create(0, now - SILENT_AFTER_MS));
            count = (int) Math.max(1, redis.commands().zcard(KEY));
        } catch (RuntimeException e) {
            log.debug("Cannot count live nodes now: {}", e.getMessage());
        }
    }
}
