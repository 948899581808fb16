package org.boxoffice.seatmap.internal;

import java.time.Duration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The seat stream tick must keep running: when it has not completed for ten ticks (at least ten seconds), no client
 * of this node hears of a change any more, and the node reports itself DOWN so that an orchestrator restarts it.
 */
@Component
class SeatStreamsHealthIndicator implements HealthIndicator {
    private final SeatStreams streams;

    SeatStreamsHealthIndicator(SeatStreams streams) {
        this.streams = streams;
    }

    @Override
    public Health health() {
        Duration age = streams.tickAge();
        Duration limit = streams.tickInterval().multipliedBy(10).compareTo(Duration.ofSeconds(10)) < 0
                ? Duration.ofSeconds(10) : streams.tickInterval().multipliedBy(10);
        Health.Builder health = age.compareTo(limit) > 0 ? Health.down() : Health.up();
        return health.withDetail("lastTickSecondsAgo", age.toMillis() / 1000.0).build();
    }
}
