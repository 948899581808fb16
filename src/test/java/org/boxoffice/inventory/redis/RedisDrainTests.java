package org.boxoffice.inventory.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.boxoffice.catalog.SeatingPlan;
import org.boxoffice.inventory.LiveHold;
import org.boxoffice.inventory.PlaceResult;
import org.boxoffice.inventory.RecordingHolds;
import org.boxoffice.infrastructure.RedisConnections;
import org.boxoffice.support.RedisProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Expired holds drained from Redis are handed to the sweeper even when draining a later event fails. */
class RedisDrainTests {
    private static final Instant T0 = Instant.parse("2030-01-01T10:00:00Z");

    private final RedisProcess redis = RedisProcess.onFreePort();
    private RedisConnections connections;
    private RedisSeatInventory node;

    @BeforeEach
    void start() {
        redis.start();
        connections = new RedisConnections(redis.url(), Duration.ofMillis(500));
        node = new RedisSeatInventory(connections, new RecordingHolds(), Clock.fixed(T0, ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        connections.destroy();
        redis.close();
    }

    @Test
    void holdsDrainedFromOneEventAreHandedOnWhenDrainingALaterEventFails() {
        // ids a hash set visits in this order: the event that fails comes second
        SeatingPlan first = OneRowPlans.of(16_001, T0);
        SeatingPlan failing = OneRowPlans.of(16_002, T0);
        LiveHold expiring = placed(first);
        placed(failing);
        // the failing event's expiry index is no sorted set any more: its drain script fails
        String expiry = SeatScripts.keys(failing.event().id())[2];
        connections.commands().del(expiry);
        connections.commands().set(expiry, "not a sorted set");
        Instant later = T0.plusSeconds(2);
        assertThatThrownBy(() -> node.snapshot(failing, later)).as("the failing event's scripts fail").isInstanceOf(RuntimeException.class);

        assertThat(node.drainExpired(later)).extracting(LiveHold::holdId).containsExactly(expiring.holdId());
    }

    private LiveHold placed(SeatingPlan plan) {
        PlaceResult result = node.place(plan, "hold-" + plan.event().id(), "alice", new int[] {0}, 4, T0, T0.plusSeconds(1),
                T0.plusSeconds(1));
        assertThat(result).isInstanceOf(PlaceResult.Placed.class);
        return ((PlaceResult.Placed) result).hold();
    }
}
