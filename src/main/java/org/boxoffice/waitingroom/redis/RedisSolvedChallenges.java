package org.boxoffice.waitingroom.redis;

import io.lettuce.core.RedisException;
import io.lettuce.core.SetArgs;
import java.time.Duration;
import org.boxoffice.infrastructure.RedisConfigured;
import org.boxoffice.infrastructure.RedisConnections;
import org.boxoffice.waitingroom.SolvedChallenges;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/** SET NX with an expiry: the first node to see a solution claims it for the whole cluster. */
@Component
@Conditional(RedisConfigured.class)
class RedisSolvedChallenges implements SolvedChallenges {
    private final RedisConnections redis;

    RedisSolvedChallenges(RedisConnections redis) {
        this.redis = redis;
    }

    @Override
    public boolean firstUse(String challenge, Duration keepFor) {
        try {
            return "OK".equals(redis.commands().set("pow:" + challenge, "1", SetArgs.Builder.nx().px(keepFor.toMillis())));
        } catch (RedisException e) {
            throw RedisConnections.unavailable(e);
        }
    }
}
