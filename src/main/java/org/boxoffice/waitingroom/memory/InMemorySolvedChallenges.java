package org.boxoffice.waitingroom.memory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.boxoffice.infrastructure.RedisConfigured;
import org.boxoffice.waitingroom.SolvedChallenges;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

@Component
@Conditional(RedisConfigured.Not.class)
class InMemorySolvedChallenges implements SolvedChallenges {
    private final Map<String, Long> used = new ConcurrentHashMap<>();

    @Override
    public boolean firstUse(String challenge, Duration keepFor) {
        long now = System.nanoTime();
        if (used.size() > 100_000) {
            used.values().removeIf(until -> until - now < 0);
        }
        return used.putIfAbsent(challenge, now + keepFor.toNanos()) == null;
    }
}
