package org.boxoffice.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.boxoffice.support.ApiClient;
import org.boxoffice.support.BookingRace;
import org.boxoffice.support.Cluster;
import org.boxoffice.support.Fixtures;
import org.boxoffice.support.RedisProcess;
import org.boxoffice.support.RedisServer;
import org.boxoffice.support.SseClient;
import org.boxoffice.support.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Three identical nodes share one PostgreSQL and one Redis (a Redis of the test's own, so that it can be killed
 * and restarted). Buyers race across all nodes, with and without faults; a checker on the database then finds
 * no seat sold twice, no paid order lost and the ledger balanced.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTests {
    private static final int REDIS_PORT = 6391;
    private static RedisProcess redis;
    private static Cluster cluster;
    private static JdbcClient jdbc;
    private static Fixtures fixtures;

    @BeforeAll
    static void startCluster() {
        RedisServer.require();
        if (!RedisProcess.available()) {
            Assumptions.abort("redis-server binary not on PATH");
        }
        redis = new RedisProcess(REDIS_PORT);
        redis.start();
        cluster = new Cluster(redis.url());
        for (int i = 0; i < 3; i++) {
            cluster.start(Map.of());
        }
        jdbc = cluster.node(0).bean(JdbcClient.class);
        fixtures = new Fixtures(cluster.node(0).api(), Instant::now);
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

    private static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    @Test
    @Order(1)
    void threeNodesSellEverySeatOnceTo300RacingBuyers() throws Exception {
        long confirmed = new BookingRace(cluster.apis(), fixtures, jdbc).run(300, 30);

        assertThat(confirmed).isPositive();
    }

    @Test
    @Order(2)
    void aClientOnOneNodeSeesAHoldMadeOnAnotherWithinTwoSeconds() throws Exception {
        String eventId = fixtures.event(fixtures.venue(1, 1, 6)).create();
        List<String> seats = fixtures.seatIds(eventId);
        String url = "http://localhost:" + cluster.node(0).port() + "/api/v1/events/" + eventId + "/seats/stream";
        String lastId;
        try (SseClient stream = new SseClient(url, null)) {
            assertThat(stream.next("snapshot", Duration.ofSeconds(5))).isNotNull();
            long start = System.nanoTime();
            ApiClient.Response hold = cluster.node(1).api().post("/api/v1/events/" + eventId + "/holds", TestTokens.fan(),
                    Map.of("seatIds", List.of(seats.getFirst())));
            assertThat(hold.status()).isEqualTo(201);

            SseClient.Event changes = stream.next(e -> "changes".equals(e.name()) && e.data().contains(seats.getFirst()),
                    Duration.ofSeconds(2));

            assertThat(changes).as("the change made on node 1 reaches a client of node 0 within 2 s").isNotNull();
            assertThat(Duration.ofNanos(changes.receivedAtNanos() - start)).isLessThan(Duration.ofSeconds(2));
            lastId = changes.id();
        }
        // missed while away, then resumed on another node
        fixtures.buy(TestTokens.fan(), eventId, seats.subList(1, 2));
        String other = "http://localhost:" + cluster.node(2).port() + "/api/v1/events/" + eventId + "/seats/stream";
        try (SseClient resumed = new SseClient(other, lastId)) {
            SseClient.Event first = resumed.next(e -> e.data().contains(seats.get(1)), Duration.ofSeconds(5));
            assertThat(first).as("the missed change, as changes or in a fresh snapshot").isNotNull();
            assertThat(first.name()).isIn("changes", "snapshot");
            assertThat(first.json().toString()).contains("SOLD");
        }
    }

    @Test
    @Order(3)
    void redisRestartedWithItsDataLostMidRaceSellsNoSeatTwice() throws Exception {
        long confirmed = new BookingRace(cluster.apis(), fixtures, jdbc).withFault(redis::restart).run(300, 30);

        assertThat(confirmed).isPositive();
    }

    @Test
    @Order(4)
    void postgresDroppingEveryConnectionMidRaceLosesNoPaidOrder() throws Exception {
        long confirmed = new BookingRace(cluster.apis(), fixtures, jdbc).withFault(Cluster::dropDatabaseConnections).run(300, 30);

        assertThat(confirmed).isPositive();
        cluster.awaitDatabaseOnEveryNode();
    }

    @Test
    @Order(5)
    void whileRedisIsDownBrowsingWorksAndBookingAnswers503ThenResumesByItself() {
        String eventId = fixtures.event(fixtures.venue(1, 1, 4)).create();
        List<String> seats = fixtures.seatIds(eventId);
        ApiClient node = cluster.node(1).api();
        String fan = TestTokens.fan();
        redis.kill();
        try {
            assertThat(node.get("/api/v1/events/" + eventId + "/seats", null).status()).isEqualTo(200);
            assertThat(node.get("/api/v1/events", null).status()).isEqualTo(200);
            ApiClient.Response refused = node.post("/api/v1/events/" + eventId + "/holds", fan, Map.of("seatIds", List.of(seats.getFirst())));
            assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
            assertThat(refused.header("Retry-After")).isNotBlank();
            assertThat(refused.problemType()).isEqualTo("service-unavailable");
        } finally {
            redis.start();
        }
        await("booking resumes once Redis is back", Duration.ofSeconds(20), () ->
                node.post("/api/v1/events/" + eventId + "/holds", fan, Map.of("seatIds", List.of(seats.getFirst()))).status() == 201);
    }

    @Test
    @Order(6)
    void aNodePausedPastTheHoldTimeCannotConfirmItsStaleHold() throws Exception {
        Cluster.Node slow = cluster.start(Map.of("boxoffice.payment.slow-delay", "3s"));
        String eventId = fixtures.event(fixtures.venue(1, 1, 4)).set("holdSeconds", 1).create();
        String seat = fixtures.seatIds(eventId).getFirst();
        String paused = TestTokens.fan();
        ApiClient.Response stale = slow.api().post("/api/v1/events/" + eventId + "/holds", paused, Map.of("seatIds", List.of(seat)));
        assertThat(stale.status()).isEqualTo(201);
        String staleHold = stale.text("holdId");
        CompletableFuture<ApiClient.Response> stalled = CompletableFuture.supplyAsync(() -> slow.api().post("/api/v1/orders", paused,
                Map.of("holdId", staleHold, "payment", Map.of("method", "card", "token", "tok_slow")),
                Map.of("Idempotency-Key", UUID.randomUUID().toString())));
        await("the stalled node's hold expires", Duration.ofSeconds(10),
                () -> cluster.node(0).api().get("/api/v1/holds/" + staleHold, paused).status() == 404);
        String rival = TestTokens.fan();
        ApiClient.Response fresh = cluster.node(1).api().post("/api/v1/events/" + eventId + "/holds", rival, Map.of("seatIds", List.of(seat)));
        assertThat(fresh.status()).as(fresh.toString()).isEqualTo(201);
        assertThat(fixtures.checkout(rival, fresh.text("holdId"), "tok_visa", UUID.randomUUID().toString()).status()).isEqualTo(201);

        ApiClient.Response late = stalled.get(20, TimeUnit.SECONDS);

        assertThat(late.status()).as(late.toString()).isEqualTo(410);
        String lateOrder = late.json().get("orderId").asString();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM payment_ledger WHERE order_id = :id AND kind = 'REFUND'").param("id", lateOrder)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM tickets WHERE event_id = :event AND live_seat_id IS NOT NULL")
                .param("event", Long.parseLong(eventId)).query(Long.class).single()).isEqualTo(1);
        slow.stop();
    }

    @Test
    @Order(7)
    void aNodeKilledMidCheckoutLosesNoPaidOrder() throws Exception {
        // no graceful shutdown: in-flight requests are cut off, as when the process is killed
        Cluster.Node doomed = cluster.start(Map.of("boxoffice.payment.slow-delay", "2s", "server.shutdown", "immediate",
                "spring.lifecycle.timeout-per-shutdown-phase", "0s"));
        String eventId = fixtures.event(fixtures.venue(1, 1, 4)).create();
        String buyer = TestTokens.fan();
        ApiClient.Response hold = doomed.api().post("/api/v1/events/" + eventId + "/holds", buyer,
                Map.of("seatIds", fixtures.seatIds(eventId).subList(0, 2)));
        assertThat(hold.status()).isEqualTo(201);
        String holdId = hold.text("holdId");
        CompletableFuture.runAsync(() -> {
            try {
                doomed.api().post("/api/v1/orders", buyer, Map.of("holdId", holdId, "payment", Map.of("method", "card", "token", "tok_slow")),
                        Map.of("Idempotency-Key", UUID.randomUUID().toString()));
            } catch (RuntimeException connectionLost) {
                // the node dies under this request
            }
        });
        await("the order row is written before the charge", Duration.ofSeconds(10), () ->
                jdbc.sql("SELECT COUNT(*) FROM orders WHERE hold_id = :hold").param("hold", holdId).query(Long.class).single() == 1);

        doomed.stop();

        String orderId = jdbc.sql("SELECT id FROM orders WHERE hold_id = :hold").param("hold", holdId).query(String.class).single();
        await("recovery on the surviving nodes settles the order", Duration.ofSeconds(30), () ->
                !jdbc.sql("SELECT status FROM orders WHERE id = :id").param("id", orderId).query(String.class).single().equals("PENDING_PAYMENT"));
        // Money balances for this order, read afresh each time: a charge the dying node still recorded late must be
        // refunded by recovery; a confirmed order keeps exactly its one charge and its seats.
        await("the order's money balances", Duration.ofSeconds(30), () -> {
            String status = jdbc.sql("SELECT status FROM orders WHERE id = :id").param("id", orderId).query(String.class).single();
            long charges = ledger(orderId, "CHARGE");
            long refunds = ledger(orderId, "REFUND");
            return status.equals("CONFIRMED") ? charges == 1 && refunds == 0 : charges == refunds;
        });
        if (jdbc.sql("SELECT status FROM orders WHERE id = :id").param("id", orderId).query(String.class).single().equals("CONFIRMED")) {
            assertThat(fixtures.seatStatuses(eventId)).containsValue("SOLD");
        }
    }

    private static long ledger(String orderId, String kind) {
        return jdbc.sql("SELECT COUNT(*) FROM payment_ledger WHERE order_id = :id AND kind = :kind")
                .param("id", orderId).param("kind", kind).query(Long.class).single();
    }

    @Test
    @Order(8)
    void admittersOnEveryNodeAdmitEachBuyerOnceInJoinOrder() throws Exception {
        String eventId = fixtures.event(fixtures.venue(1, 2, 10)).onSaleAt(Instant.now().minusSeconds(5))
                .set("waitingRoom", Map.of("enabled", true, "admitPerMinute", 1200, "maxActiveUsers", 1000, "prequeueMinutes", 10,
                        "proofOfWorkMaxNumber", 50))
                .create();
        List<String> buyers = new java.util.ArrayList<>();
        List<String> tokens = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String userId = TestTokens.newUserId();
            String token = TestTokens.token(userId, List.of("FAN"));
            ApiClient node = cluster.apis().get(i % cluster.apis().size());
            ApiClient.Response challenge = node.get("/api/v1/events/" + eventId + "/queue/challenge", token);
            ApiClient.Response joined = node.post("/api/v1/events/" + eventId + "/queue", token,
                    Map.of("proofOfWork", org.boxoffice.support.ProofOfWorkSolver.solve(challenge.json())));
            assertThat(joined.status()).as(joined.toString()).isEqualTo(202);
            buyers.add(userId);
            tokens.add(token);
        }
        await("every buyer admitted by the nodes' admitters", Duration.ofSeconds(30), () -> tokens.stream().allMatch(token ->
                "ADMITTED".equals(cluster.node(1).api().get("/api/v1/events/" + eventId + "/queue/me", token).text("status"))));

        try (var client = io.lettuce.core.RedisClient.create(redis.url()); var connection = client.connect()) {
            List<Double> admittedAt = buyers.stream()
                    .map(user -> connection.sync().zscore("{wr:" + eventId + "}:active", user)).toList();
            assertThat(admittedAt).doesNotContainNull();
            for (int i = 1; i < admittedAt.size(); i++) {
                assertThat(admittedAt.get(i)).as("buyer %d admitted no earlier than buyer %d", i, i - 1)
                        .isGreaterThanOrEqualTo(admittedAt.get(i - 1));
            }
        }
        String admission = cluster.node(2).api().get("/api/v1/events/" + eventId + "/queue/me", tokens.getFirst()).text("admissionToken");
        ApiClient.Response hold = cluster.node(0).api().post("/api/v1/events/" + eventId + "/holds", tokens.getFirst(),
                Map.of("best", Map.of("quantity", 2)), Map.of("Admission-Token", admission));
        assertThat(hold.status()).as("a token from one node opens holds on another").isEqualTo(201);
    }

    @Test
    @Order(9)
    void aUsersRateLimitHoldsAcrossNodes() {
        String eventId = fixtures.event(fixtures.venue(1, 1, 4)).onSaleAt(Instant.now().minusSeconds(5))
                .set("waitingRoom", Map.of("enabled", true, "admitPerMinute", 60, "maxActiveUsers", 10, "prequeueMinutes", 10,
                        "proofOfWorkMaxNumber", 50))
                .create();
        String fan = TestTokens.fan();
        int limited = 0;
        // 20 requests a second with a burst of 40 per user, counted in Redis: spread over three nodes, 120 quick
        // requests must run into the limit (a per-node limit would allow 120)
        for (int i = 0; i < 120; i++) {
            ApiClient.Response response = cluster.apis().get(i % 3).get("/api/v1/events/" + eventId + "/queue/me", fan);
            if (response.status() == 429) {
                limited++;
                assertThat(response.header("Retry-After")).isNotBlank();
            }
        }

        assertThat(limited).isPositive();
    }
}
