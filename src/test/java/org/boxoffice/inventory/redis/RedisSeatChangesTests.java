package org.boxoffice.inventory.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.KillArgs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.awaitility.Awaitility;
import org.boxoffice.catalog.SeatingPlan;
import org.boxoffice.inventory.PlaceResult;
import org.boxoffice.inventory.RecordingHolds;
import org.boxoffice.inventory.SeatsChanged;
import org.boxoffice.infrastructure.RedisConnections;
import org.boxoffice.support.RedisProcess;
import org.junit.jupiter.api.Test;

/** The change feed after its subscription broke: what was published meanwhile is lost, so the seat streams start over. */
class RedisSeatChangesTests {
    private static final Instant T0 = Instant.parse("2030-01-01T10:00:00Z");

    @Test
    void aSubscriptionMadeAgainStartsTheSeatStreamsOfEveryFollowedEventOverAtItsChangeNumber() {
        try (RedisProcess redis = RedisProcess.onFreePort()) {
            redis.start();
            RedisConnections connections = new RedisConnections(redis.url(), Duration.ofMillis(500));
            try {
                RedisSeatInventory inventory = new RedisSeatInventory(connections, new RecordingHolds(), Clock.fixed(T0, ZoneOffset.UTC));
                SeatingPlan plan = OneRowPlans.random(T0);
                assertThat(inventory.place(plan, "hold", "alice", new int[] {0}, 4, T0, T0.plusSeconds(600), T0.plusSeconds(1200)))
                        .isInstanceOf(PlaceResult.Placed.class);
                Queue<Object> published = new ConcurrentLinkedQueue<>();
                RedisSeatChanges feed = new RedisSeatChanges(connections, null, published::add, inventory::resets);
                feed.subscribe();
                Awaitility.await("subscribed").atMost(Duration.ofSeconds(10)).until(() -> pubSubClients(redis) == 1);
                assertThat(published).as("a first subscription misses nothing").isEmpty();

                long killed = redis.redis(c -> c.clientKill(KillArgs.Builder.typePubsub()));
                assertThat(killed).as("the subscription's connection was cut").isEqualTo(1);

                Awaitility.await("the streams start over").atMost(Duration.ofSeconds(10)).until(() -> !published.isEmpty());
                assertThat(published).containsExactly(SeatsChanged.reset(plan.event().id(), inventory.snapshot(plan, T0).seq()));
            } finally {
                connections.destroy();
            }
        }
    }

    private static long pubSubClients(RedisProcess redis) {
        return redis.redis(c -> c.clientList().lines().filter(line -> line.contains(" sub=1 ")).count());
    }
}
