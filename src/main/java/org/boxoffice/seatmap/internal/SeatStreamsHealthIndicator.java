package org.boxoffice.seatmap.internal;

import java.time.Duration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The seat stream tick must keep running: when it has not completed for ten ticks (at least a second), no client of
 * this node hears of a change any more, and the node reports itself DOWN so that an orchestrator restarts it (the
 * indicator is part of the liveness group).
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
        Duration tenTicks = streams.tickInterval().multipliedBy(10);
        Duration limit = tenTicks.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : tenTicks;
        Health.Builder health = age.compareTo(limit) > 0 ? Health.down() : Health.up();
        return health.withDetail("lastTickSecondsAgo", age.toMillis() / 1000.0).build();
    }
}
