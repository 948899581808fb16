package org.boxoffice.inventory.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.boxoffice.catalog.SeatingPlan;
import org.boxoffice.inventory.BestSeatsRequest;
import org.boxoffice.inventory.LiveHold;
import org.boxoffice.inventory.PlaceResult;
import org.boxoffice.inventory.RecordingHolds;
import org.boxoffice.infrastructure.RedisConnections;
import org.boxoffice.shared.Unavailable;
import org.boxoffice.support.RedisProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A node repeats a refusal it got from Redis a moment ago without asking Redis again, but never past the exact expiry
 * of the hold that took the seat, never once it freed the seat itself, and for at most {@link RecentRefusals#MAX_AGE}
 * after another node freed it. Two nodes over a Redis of the test's own; each node's real time is the test's.
 */
class RedisRecentRefusalsTests {
    private static final Instant T0 = Instant.parse("2030-01-01T10:00:00Z");

    private final RedisProcess redis = RedisProcess.onFreePort();
    private final RecordingHolds database = new RecordingHolds();
    private final AtomicLong nodeNanos = new AtomicLong();
    private RedisConnections nodeRedis;
    private RedisConnections otherNodeRedis;
    private RedisSeatInventory node;
    private RedisSeatInventory otherNode;
    private SeatingPlan plan;

    @BeforeEach
    void start() {
        redis.start();
        nodeRedis = new RedisConnections(redis.url(), Duration.ofMillis(500));
        otherNodeRedis = new RedisConnections(redis.url(), Duration.ofMillis(500));
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
        node = new RedisSeatInventory(nodeRedis, database, clock, nodeNanos::get);
        otherNode = new RedisSeatInventory(otherNodeRedis, database, clock, System::nanoTime);
        plan = OneRowPlans.random(T0);
    }

    @AfterEach
    void stop() {
        nodeRedis.destroy();
        otherNodeRedis.destroy();
        redis.close();
    }

    @Test
    void aSeatSeenTakenAMomentAgoIsRefusedAgainWithoutAskingRedis() {
        placed(otherNode, "alice", T0, 0);
        assertThat(place(node, "bob", T0, 0, 1)).isEqualTo(new PlaceResult.Unavailable(List.of(0)));

        redis.kill();
        assertThatThrownBy(() -> place(node, "bob", T0, 1)).as("Redis is down").isInstanceOf(Unavailable.class);

        assertThat(place(node, "bob", T0, 0, 1)).isEqualTo(new PlaceResult.Unavailable(List.of(0)));
    }

    @Test
    void aRefusalEndsExactlyAtTheExpiryOfTheHoldThatTookTheSeat() {
        LiveHold alices = placed(otherNode, "alice", T0, 0);
        Instant expiry = alices.expiresAt();
        assertThat(place(node, "bob", expiry.minusMillis(1), 0)).isInstanceOf(PlaceResult.Unavailable.class);

        assertThat(place(node, "bob", expiry, 0)).isInstanceOf(PlaceResult.Placed.class);
    }

    @Test
    void aSeatThisNodeFreesIsOfferedAtOnce() {
        LiveHold alices = placed(node, "alice", T0, 0);
        assertThat(place(node, "bob", T0, 0)).isInstanceOf(PlaceResult.Unavailable.class);

        node.release(plan, alices.holdId(), T0);

        assertThat(place(node, "bob", T0, 0)).isInstanceOf(PlaceResult.Placed.class);
    }

    @Test
    void aSeatAnotherNodeFreesIsOfferedOnceTheRefusalIsAsOldAsTheMaximumAge() {
        LiveHold alices = placed(otherNode, "alice", T0, 0);
        assertThat(place(node, "bob", T0, 0)).isInstanceOf(PlaceResult.Unavailable.class);
        otherNode.release(plan, alices.holdId(), T0);
        assertThat(place(node, "bob", T0, 0)).as("within the maximum age").isInstanceOf(PlaceResult.Unavailable.class);

        nodeNanos.addAndGet(RecentRefusals.MAX_AGE.toNanos());

        assertThat(place(node, "bob", T0, 0)).isInstanceOf(PlaceResult.Placed.class);
    }

    @Test
    void bestAvailableTakesASeatAnotherNodeJustFreedThoughThisNodeRemembersItRefused() {
        LiveHold alices = placed(otherNode, "alice", T0, 0);
        for (int position = 1; position < plan.size(); position++) {
            placed(otherNode, "fan" + position, T0, position);
        }
        assertThat(place(node, "bob", T0, 0)).isInstanceOf(PlaceResult.Unavailable.class);
        otherNode.release(plan, alices.holdId(), T0);

        PlaceResult best = node.placeBest(plan, "bob-best", "bob", new BestSeatsRequest(1, null, null), 4, T0,
                T0.plusSeconds(600), T0.plusSeconds(1200));

        assertThat(best).isInstanceOf(PlaceResult.Placed.class);
        assertThat(((PlaceResult.Placed) best).hold().positions()).containsExactly(0);
    }

    private PlaceResult place(RedisSeatInventory inventory, String user, Instant now, int... positions) {
        return inventory.place(plan, user + "-" + ThreadLocalRandom.current().nextInt(), user, positions, 4, now,
                now.plusSeconds(600), now.plusSeconds(1200));
    }

    private LiveHold placed(RedisSeatInventory inventory, String user, Instant now, int... positions) {
        PlaceResult result = place(inventory, user, now, positions);
        assertThat(result).isInstanceOf(PlaceResult.Placed.class);
        return ((PlaceResult.Placed) result).hold();
    }
}
