package org.boxoffice.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.boxoffice.support.BookingRace;
import org.boxoffice.support.Cluster;
import org.boxoffice.support.Fixtures;
import org.boxoffice.support.RedisNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two Boxoffice nodes on PostgreSQL and a Redis primary with one replica, watched by three sentinels, all started by the
 * test. The primary is killed mid-race; Sentinel promotes the replica, which may lack the last writes the primary
 * acknowledged, so the nodes must rebuild each event from the database before handing out seats again.
 */
class RedisSentinelTests {
    private static RedisNodes redis;
    private static Cluster cluster;
    private static JdbcClient jdbc;
    private static Fixtures fixtures;

    @BeforeAll
    static void startCluster() {
        redis = RedisNodes.sentinel();
        cluster = Cluster.started(redis.sentinelUrl(), 2);
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

    @Test
    void thePrimaryKilledMidRaceBookingsResumeWithin30SecondsWithNoSeatSoldTwiceAndNoPaidOrderLost() throws Exception {
        String hot = BookingRace.event(fixtures, 30);
        String probe = BookingRace.event(fixtures, 30);
        List<String> probeSeats = fixtures.seatIds(probe);
        RedisNodes.Server primary = redis.primaryFor("");
        RedisNodes.Server replica = redis.replicaOf(primary);
        Duration[] resumedAfter = new Duration[1];
        String streamUrl = "http://localhost:" + cluster.node(0).port() + "/api/v1/events/" + probe + "/seats/stream";
        try (Failovers.SeatStream stream = new Failovers.SeatStream(streamUrl)) {
            stream.showsAHoldMadeOn(cluster.node(1).api(), probe, probeSeats.get(2));

            long confirmed = new BookingRace(cluster.apis(), fixtures, jdbc, cluster.paymentCalls()).withFault(() -> {
                long faultStart = System.nanoTime();
                primary.kill();
                redis.await("Sentinel promoted the replica", Duration.ofSeconds(30), () -> replica.role().equals("master"));
                System.out.printf("Sentinel failover: the replica was promoted %d ms after the primary was killed%n",
                        Duration.ofNanos(System.nanoTime() - faultStart).toMillis());
                resumedAfter[0] = Failovers.untilBookingResumes(cluster.node(1).api(), probe, probeSeats.getFirst(), faultStart, Duration.ofSeconds(30));
            }).run(hot, 300);

            System.out.printf("Sentinel failover: bookings resumed %d ms after the primary was killed%n", resumedAfter[0].toMillis());
            assertThat(confirmed).isPositive();
            assertThat(resumedAfter[0]).isLessThan(Duration.ofSeconds(30));
            stream.showsAHoldMadeOn(cluster.node(1).api(), probe, probeSeats.get(1));
            System.out.printf("Sentinel failover: the seat stream was reconnected %d times%n", stream.reconnects());
        }
    }
}
