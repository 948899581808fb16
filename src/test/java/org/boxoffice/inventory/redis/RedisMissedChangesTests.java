package org.boxoffice.inventory.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;
import org.awaitility.Awaitility;
import org.boxoffice.catalog.SeatingPlan;
import org.boxoffice.inventory.Holds.StoredHold;
import org.boxoffice.inventory.LiveHold;
import org.boxoffice.inventory.PlaceResult;
import org.boxoffice.inventory.RecordingHolds;
import org.boxoffice.inventory.SeatStatus;
import org.boxoffice.infrastructure.RedisConnections;
import org.boxoffice.shared.Unavailable;
import org.boxoffice.support.RedisProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A node whose sale or return Redis missed (Redis was down when the database had committed it) catches Redis up once
 * it answers again, while another node has already rebuilt the event and granted holds whose database writes are
 * still on their way. A Redis of the test's own, killed and started again (losing its data, as without persistence).
 */
class RedisMissedChangesTests {
    private static final Instant T0 = Instant.parse("2030-01-01T10:00:00Z");

    private final RecordingHolds database = new RecordingHolds();
    private final RedisProcess redis = RedisProcess.onFreePort();
    private RedisConnections missingNodeRedis;
    private RedisConnections otherNodeRedis;
    private RedisSeatInventory missingNode;
    private RedisSeatInventory otherNode;
    private SeatingPlan plan;

    @BeforeEach
    void start() {
        redis.start();
        missingNodeRedis = new RedisConnections(redis.url(), Duration.ofMillis(500));
        otherNodeRedis = new RedisConnections(redis.url(), Duration.ofMillis(500));
        plan = OneRowPlans.random(T0);
    }

    @AfterEach
    void stop() {
        missingNodeRedis.destroy();
        otherNodeRedis.destroy();
        redis.close();
    }

    @Test
    void aSaleRedisMissedIsAppliedWithoutDroppingHoldsGrantedAfterTheRestart() {
        RecordingHolds beforeTheSale = new RecordingHolds();
        missingNode = new RedisSeatInventory(missingNodeRedis, database, Clock.fixed(T0, ZoneOffset.UTC));
        otherNode = new RedisSeatInventory(otherNodeRedis, beforeTheSale, Clock.fixed(T0, ZoneOffset.UTC));
        LiveHold sold = placed(missingNode, "alice-hold", "alice", 0);
        // the other node rebuilds from a read of the database made before the sale committed: alice's hold is live
        beforeTheSale.insert(stored(sold));
        database.sold.put(plan.seat(0).id(), "alice");

        redis.kill();
        missingNode.markSold(plan, sold);
        assertThatThrownBy(() -> missingNode.snapshot(plan, T0)).as("Redis is down").isInstanceOf(Unavailable.class);
        redis.start();
        LiveHold inFlight = placed(otherNode, "bob-hold", "bob", 5); // granted; its database write has not landed yet
        assertThat(otherNode.snapshot(plan, T0).status(0)).as("rebuilt before the sale").isEqualTo(SeatStatus.HELD);

        awaitReconnected(missingNodeRedis);
        missingNode.resyncStaleEvents();

        assertThat(otherNode.find(plan, inFlight.holdId(), T0)).as("the hold granted after the restart").isPresent();
        assertThat(otherNode.snapshot(plan, T0).status(0)).as("the missed sale").isEqualTo(SeatStatus.SOLD);
        assertThat(otherNode.find(plan, sold.holdId(), T0)).as("the sold hold").isEmpty();
        assertThat(otherNode.counts(plan, T0).sold()).isEqualTo(1);
    }

    @Test
    void aReturnRedisMissedFreesTheSeatsWithoutDroppingHoldsGrantedAfterTheRestart() {
        RecordingHolds beforeTheCancel = new RecordingHolds();
        missingNode = new RedisSeatInventory(missingNodeRedis, database, Clock.fixed(T0, ZoneOffset.UTC));
        otherNode = new RedisSeatInventory(otherNodeRedis, beforeTheCancel, Clock.fixed(T0, ZoneOffset.UTC));
        LiveHold sold = placed(missingNode, "alice-hold", "alice", 0);
        missingNode.markSold(plan, sold);
        beforeTheCancel.sold.put(plan.seat(0).id(), "alice"); // the other node rebuilds before the cancel commits

        redis.kill();
        missingNode.returnSold(plan, "alice", sold.positions());
        assertThatThrownBy(() -> missingNode.snapshot(plan, T0)).as("Redis is down").isInstanceOf(Unavailable.class);
        redis.start();
        LiveHold inFlight = placed(otherNode, "bob-hold", "bob", 5);
        assertThat(otherNode.snapshot(plan, T0).status(0)).as("rebuilt before the cancel").isEqualTo(SeatStatus.SOLD);

        awaitReconnected(missingNodeRedis);
        missingNode.resyncStaleEvents();

        assertThat(otherNode.find(plan, inFlight.holdId(), T0)).as("the hold granted after the restart").isPresent();
        assertThat(otherNode.snapshot(plan, T0).status(0)).as("the missed return").isEqualTo(SeatStatus.AVAILABLE);
        assertThat(placed(otherNode, "carol-hold", "carol", 0).positions()).as("the returned seat is for sale").containsExactly(0);
    }

    @Test
    void aSaleAlreadyInTheRebuiltStateChangesNothing() {
        missingNode = new RedisSeatInventory(missingNodeRedis, database, Clock.fixed(T0, ZoneOffset.UTC));
        otherNode = new RedisSeatInventory(otherNodeRedis, database, Clock.fixed(T0, ZoneOffset.UTC));
        LiveHold sold = placed(missingNode, "alice-hold", "alice", 0, 1);
        database.sold.put(plan.seat(0).id(), "alice");
        database.sold.put(plan.seat(1).id(), "alice");

        redis.kill();
        missingNode.markSold(plan, sold);
        redis.start();
        LiveHold inFlight = placed(otherNode, "bob-hold", "bob", 5);
        long seq = otherNode.snapshot(plan, T0).seq();

        awaitReconnected(missingNodeRedis);
        missingNode.resyncStaleEvents();

        assertThat(otherNode.snapshot(plan, T0).seq()).as("no seat changed").isEqualTo(seq);
        assertThat(otherNode.counts(plan, T0).sold()).isEqualTo(2);
        assertThat(otherNode.find(plan, inFlight.holdId(), T0)).isPresent();
    }

    @Test
    void anEventWhoseRecordCannotBeReadDoesNotHoldUpTheOthers() {
        aBrokenEventDoesNotHoldUpTheOthers(event -> database.unreadable.add(event.event().id()), event -> database.unreadable.clear());
    }

    @Test
    void anEventWhoseScriptsFailDoesNotHoldUpTheOthers() {
        // its expiry index is no sorted set any more: every seat script of the event fails
        aBrokenEventDoesNotHoldUpTheOthers(event -> {
            String expiry = SeatScripts.keys(event.event().id())[2];
            otherNodeRedis.commands().del(expiry);
            otherNodeRedis.commands().set(expiry, "not a sorted set");
        }, event -> otherNodeRedis.commands().del(SeatScripts.keys(event.event().id())[2]));
    }

    /** Two events with a missed sale each; the first one a hash map visits is broken, then repaired. */
    private void aBrokenEventDoesNotHoldUpTheOthers(Consumer<SeatingPlan> breakIt, Consumer<SeatingPlan> repair) {
        SeatingPlan broken = OneRowPlans.of(16_001, T0);
        SeatingPlan working = OneRowPlans.of(16_002, T0);
        RecordingHolds beforeTheSales = new RecordingHolds();
        missingNode = new RedisSeatInventory(missingNodeRedis, database, Clock.fixed(T0, ZoneOffset.UTC));
        otherNode = new RedisSeatInventory(otherNodeRedis, beforeTheSales, Clock.fixed(T0, ZoneOffset.UTC));
        List<SeatingPlan> events = List.of(broken, working);
        List<LiveHold> sold = events.stream().map(event -> placed(missingNode, event, "hold-" + event.event().id(), "alice", 0)).toList();
        redis.kill();
        for (int i = 0; i < events.size(); i++) {
            beforeTheSales.insert(stored(events.get(i), sold.get(i)));
            database.sold.put(events.get(i).seat(0).id(), "alice");
            missingNode.markSold(events.get(i), sold.get(i));
        }
        redis.start();
        awaitReconnected(otherNodeRedis);
        for (SeatingPlan event : events) {
            assertThat(otherNode.snapshot(event, T0).status(0)).as("rebuilt before the sale").isEqualTo(SeatStatus.HELD);
        }
        breakIt.accept(broken);

        awaitReconnected(missingNodeRedis);
        missingNode.resyncStaleEvents();

        assertThat(otherNode.snapshot(working, T0).status(0)).as("the working event's missed sale").isEqualTo(SeatStatus.SOLD);
        repair.accept(broken);
        missingNode.resyncStaleEvents();
        assertThat(otherNode.snapshot(broken, T0).status(0)).as("applied once repaired").isEqualTo(SeatStatus.SOLD);
    }

    /** Lettuce reconnects in the background, with a back-off: the node catches up on its first tick after that. */
    private static void awaitReconnected(RedisConnections node) {
        Awaitility.await("the node's connection is back").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .ignoreExceptions().until(() -> "PONG".equals(node.commands().ping()));
    }

    private LiveHold placed(RedisSeatInventory node, String holdId, String user, int... positions) {
        return placed(node, plan, holdId, user, positions);
    }

    private static LiveHold placed(RedisSeatInventory node, SeatingPlan plan, String holdId, String user, int... positions) {
        PlaceResult result = node.place(plan, holdId, user, positions, 4, T0, T0.plusSeconds(600), T0.plusSeconds(1200));
        assertThat(result).isInstanceOf(PlaceResult.Placed.class);
        return ((PlaceResult.Placed) result).hold();
    }

    private StoredHold stored(LiveHold hold) {
        return stored(plan, hold);
    }

    private static StoredHold stored(SeatingPlan plan, LiveHold hold) {
        return new StoredHold(hold.holdId(), hold.eventId(), hold.userId(), hold.fence(), "ACTIVE",
                java.util.stream.IntStream.of(hold.positions()).mapToObj(p -> plan.seat(p).id()).toList(),
                hold.createdAt(), hold.expiresAt(), hold.maxExpiresAt());
    }
}
