package org.boxoffice.infrastructure;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** True when BOXOFFICE_REDIS_URL (property boxoffice.redis.url) is set: distributed mode for inventory and fan-out. */
public class RedisConfigured implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String url = context.getEnvironment().getProperty("boxoffice.redis.url", "");
        return !url.isBlank();
    }

    /** The opposite: embedded mode keeps these parts in process. */
    public static class Not implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !new RedisConfigured().matches(context, metadata);
        }
    }
}
