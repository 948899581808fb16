package org.boxoffice.infrastructure;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * True when BOXOFFICE_REDIS_URL or BOXOFFICE_REDIS_CLUSTER_NODES (properties boxoffice.redis.url, .cluster-nodes) is
 * set: distributed mode for inventory, queues and fan-out.
 */
public class RedisConfigured implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return in(context.getEnvironment());
    }

    public static boolean in(Environment environment) {
        return !environment.getProperty("boxoffice.redis.url", "").isBlank()
                || !environment.getProperty("boxoffice.redis.cluster-nodes", "").isBlank();
    }

    /** The opposite: embedded mode keeps these parts in process. */
    public static class Not implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !new RedisConfigured().matches(context, metadata);
        }
    }
}
