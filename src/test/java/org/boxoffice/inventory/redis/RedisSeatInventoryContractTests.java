package org.boxoffice.inventory.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.awaitility.Awaitility;
import org.boxoffice.infrastructure.RedisConnections;
import org.boxoffice.inventory.PlaceResult;
import org.boxoffice.inventory.SeatInventory;
import org.boxoffice.inventory.SeatInventoryContract;
import org.boxoffice.inventory.SeatStatus;
import org.boxoffice.support.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The same contract against the real Redis server (127.0.0.1:6379, a database of its own). */
class RedisSeatInventoryContractTests extends SeatInventoryContract {
    private static RedisConnections redis;
    private final RedisSeatInventory inventory = new RedisSeatInventory(redis, record, Clock.fixed(T0, ZoneOffset.UTC));

    @BeforeAll
    static void connect() {
        redis = new RedisConnections(RedisServer.url(13), Duration.ofSeconds(2));
        // no FLUSHDB: every test uses events of random ids, and another build may be using this database right now
    }

    @AfterAll
    static void disconnect() {
        redis.destroy();
    }

    @Override
    protected SeatInventory inventory() {
        return inventory;
    }

    @Test
    void rebuildsAnEventWhoseStateComesFromAnotherRedisServer() {
        java.time.Instant t0 = T0;
        org.boxoffice.inventory.PlaceResult placed = inventory.place(plan, "ghost", "alice", new int[] {0}, 4, t0, t0.plusSeconds(600),
                t0.plusSeconds(1200));
        assertThat(placed).isInstanceOf(PlaceResult.Placed.class);
        // as if Redis came back from an old snapshot, or a replica took over: the state says it was built elsewhere
        redis.commands().hset("{ev:" + plan.event().id() + "}:meta", "server", "another-server");

        inventory.resyncStaleEvents();

        // the database never heard of the hold, so the rebuilt state does not have it
        assertThat(inventory.snapshot(plan, t0).status(0))
                .isEqualTo(SeatStatus.AVAILABLE);
    }

    @Test
    void checksWhichServerAnswersBeforeTheFirstHoldAfterANewConnection() {
        java.time.Instant t0 = T0;
        assertThat(inventory.place(plan, "ghost", "alice", new int[] {0}, 4, t0, t0.plusSeconds(600), t0.plusSeconds(1200)))
                .isInstanceOf(PlaceResult.Placed.class);
        // a replica promoted by a failover: its state (copied from the old primary) says it was built elsewhere, and
        // the node reaches it over a new connection
        redis.commands().hset("{ev:" + plan.event().id() + "}:meta", "server", "the-old-primary");
        long opened = redis.connectionsOpened();
        Long ownId = redis.commands().clientId();
        try {
            redis.commands().clientKill(KillArgs.Builder.id(ownId).skipme(false));
        } catch (io.lettuce.core.RedisException killedWhileAnswering) {
            // the connection may drop before the reply arrives
        }
        Awaitility.await("the node reconnected").atMost(Duration.ofSeconds(10))
                .ignoreExceptionsInstanceOf(RedisException.class)
                .until(() -> redis.connectionsOpened() > opened && redis.commands().ping().equals("PONG"));

        // no resync ran (no scheduler here): the hold itself must find the stale state and rebuild it first
        org.boxoffice.inventory.PlaceResult placed = inventory.place(plan, "after", "bob", new int[] {0}, 4, t0, t0.plusSeconds(600),
                t0.plusSeconds(1200));

        assertThat(placed).as("the database never heard of the ghost hold, so the rebuilt state has the seat free")
                .isInstanceOf(PlaceResult.Placed.class);
    }
}
