package org.boxoffice.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import org.boxoffice.support.BookingRace;
import org.boxoffice.support.Cluster;
import org.boxoffice.support.Fixtures;
import org.boxoffice.support.RedisNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Three Boxoffice nodes on PostgreSQL and a Redis Cluster of three primaries with a replica each, all started by the
 * test. Buyers race on events whose keys live on different shards, and through failovers of a hot event's shard (planned,
 * then a primary killed); the
 * race's checker then finds no seat sold twice, no paid order lost, the seat map right and the ledger balanced.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisClusterTests {
    private static RedisNodes redis;
    private static Cluster cluster;
    private static JdbcClient jdbc;
    private static Fixtures fixtures;

    @BeforeAll
    static void startCluster() {
        redis = RedisNodes.cluster(3);
        cluster = Cluster.started(redis.clusterUrl(), 3);
        jdbc = cluster.jdbc();
        fixtures = cluster.fixtures();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    private static RedisNodes.Server shardOf(String eventId) {
        return redis.primaryFor("{ev:" + eventId + "}:seats");
    }

    /** A new event of the race's shape whose keys live on a primary that passes the test. */
    private static String eventOn(Predicate<RedisNodes.Server> wanted) {
        for (int attempt = 0; attempt < 30; attempt++) {
            String eventId = BookingRace.event(fixtures, 30);
            if (wanted.test(shardOf(eventId))) {
                return eventId;
            }
        }
        throw new IllegalStateException("30 events in a row landed on the same shard: the hash tag does not spread events");
    }

    @Test
    @Order(1)
    void threeNodesSellTwoEventsOnDifferentShardsAtOnceEachSeatOnce() throws Exception {
        String first = BookingRace.event(fixtures, 30);
        RedisNodes.Server firstShard = shardOf(first);
        String second = eventOn(shard -> shard != firstShard);

        CompletableFuture<Long> firstRace = CompletableFuture.supplyAsync(() -> race(first));
        CompletableFuture<Long> secondRace = CompletableFuture.supplyAsync(() -> race(second));

        assertThat(firstRace.get()).isPositive();
        assertThat(secondRace.get()).isPositive();
        assertThat(shardOf(first)).as("the events' keys live on different primaries").isNotSameAs(shardOf(second));
        assertThat(shardOf(first).<Long>redis(c -> c.exists("{ev:" + first + "}:seats"))).isEqualTo(1L);
        assertThat(shardOf(second).<Long>redis(c -> c.exists("{ev:" + second + "}:seats"))).isEqualTo(1L);
    }

    private static long race(String eventId) {
        try {
            return new BookingRace(cluster.apis(), fixtures, jdbc, cluster.paymentCalls()).run(eventId, 200);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Order(2)
    void aPlannedFailoverOfTheHotEventsShardResumesBookingsWithin30SecondsAndSellsNoSeatTwice() throws Exception {
        raceThroughAFailoverOfTheHotShard("CLUSTER FAILOVER on its replica, then the old primary killed", (primary, replica) -> {
            replica.redis(c -> c.clusterFailover(false));
            redis.await("the replica took over", Duration.ofSeconds(20), () -> replica.role().equals("master"));
            primary.kill();
        });
    }

    @Test
    @Order(3)
    void theHotEventsShardPrimaryKilledMidRaceBookingsResumeWithin30SecondsAndNoSeatIsSoldTwice() throws Exception {
        raceThroughAFailoverOfTheHotShard("its primary killed, the replica promoted by the cluster", (primary, replica) -> {
            primary.kill();
            redis.await("the cluster promoted the replica", Duration.ofSeconds(30), () -> replica.role().equals("master"));
        });
    }

    /**
     * Buyers race for a hot event while {@code failover} takes its shard from its primary to the replica; a probe event
     * on the same shard measures when holds succeed again, and a seat stream of it, opened before, must follow.
     */
    private void raceThroughAFailoverOfTheHotShard(String what, BiConsumer<RedisNodes.Server, RedisNodes.Server> failover) throws Exception {
        String hot = eventOn(redis::hasReplica);
        RedisNodes.Server primary = shardOf(hot);
        RedisNodes.Server replica = redis.replicaOf(primary);
        String probe = eventOn(shard -> shard == primary);
        List<String> probeSeats = fixtures.seatIds(probe);
        Duration[] resumedAfter = new Duration[1];
        String streamUrl = "http://localhost:" + cluster.node(0).port() + "/api/v1/events/" + probe + "/seats/stream";
        try (Failovers.SeatStream stream = new Failovers.SeatStream(streamUrl)) {
            stream.showsAHoldMadeOn(cluster.node(2).api(), probe, probeSeats.get(2));

            long confirmed = new BookingRace(cluster.apis(), fixtures, jdbc, cluster.paymentCalls()).withFault(() -> {
                long faultStart = System.nanoTime();
                failover.accept(primary, replica);
                assertThat(shardOf(hot)).as("the replica holds the hot event's slots now").isSameAs(replica);
                System.out.printf("Cluster failover (%s): the replica took over after %d ms%n", what,
                        Duration.ofNanos(System.nanoTime() - faultStart).toMillis());
                resumedAfter[0] = Failovers.untilBookingResumes(cluster.node(1).api(), probe, probeSeats.getFirst(), faultStart, Duration.ofSeconds(30));
            }).run(hot, 300);

            System.out.printf("Cluster failover (%s): bookings resumed after %d ms%n", what, resumedAfter[0].toMillis());
            assertThat(confirmed).isPositive();
            assertThat(resumedAfter[0]).isLessThan(Duration.ofSeconds(30));
            stream.showsAHoldMadeOn(cluster.node(2).api(), probe, probeSeats.get(1));
            System.out.printf("Cluster failover (%s): the seat stream was reconnected %d times%n", what, stream.reconnects());
        }
    }
}
