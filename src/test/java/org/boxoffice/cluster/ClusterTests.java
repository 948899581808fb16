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
import org.awaitility.Awaitility;
import org.boxoffice.support.ApiClient;
import org.boxoffice.support.BookingRace;
import org.boxoffice.support.Cluster;
import org.boxoffice.support.Fixtures;
import java.util.concurrent.Executors;
import org.boxoffice.support.NodeProcess;
import org.boxoffice.support.PostgresServer;
import org.boxoffice.support.TestPayments;
import org.boxoffice.support.RedisProcess;
import org.boxoffice.support.SseClient;
import org.boxoffice.support.TestTokens;
import org.junit.jupiter.api.AfterAll;
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
    private static RedisProcess redis;
    private static Cluster cluster;
    private static JdbcClient jdbc;
    private static Fixtures fixtures;

    @BeforeAll
    static void startCluster() {
        redis = RedisProcess.onFreePort();
        redis.start();
        cluster = Cluster.started(redis.url(), 3);
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

    /** Polls every 100 ms: often enough to see a change soon, seldom enough to stay within the nodes' rate limits. */
    private static void await(String what, Duration timeout, BooleanSupplier condition) {
        Awaitility.await(what).atMost(timeout).pollInterval(Duration.ofMillis(100)).until(condition::getAsBoolean);
    }

    @Test
    @Order(1)
    void threeNodesSellEverySeatOnceTo300RacingBuyers() throws Exception {
        long confirmed = new BookingRace(cluster.apis(), fixtures, jdbc, cluster.paymentCalls()).run(300, 30);

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
            SseClient.Event first = resumed.next(e -> e.name() != null, Duration.ofSeconds(5));
            assertThat(first).as("an answer to the resume").isNotNull();
            assertThat(first.name()).as("only what was missed, not a fresh snapshot").isEqualTo("changes");
            assertThat(Long.parseLong(first.id())).isGreaterThan(Long.parseLong(lastId));
            SseClient.Event sold = first.data().contains("\"" + seats.get(1) + "\",\"status\":\"SOLD\"") ? first
                    : resumed.next(e -> e.data().contains("\"" + seats.get(1) + "\",\"status\":\"SOLD\""), Duration.ofSeconds(5));
            assertThat(sold).as("the missed sale arrives as changes").isNotNull();
            assertThat(sold.name()).isEqualTo("changes");
        }
    }

    @Test
    @Order(3)
    void redisRestartedWithItsDataLostMidRaceSellsNoSeatTwice() throws Exception {
        long confirmed = new BookingRace(cluster.apis(), fixtures, jdbc, cluster.paymentCalls()).withFault(redis::restartLosingData).run(300, 30);

        assertThat(confirmed).isPositive();
    }

    @Test
    @Order(4)
    void postgresRestartedMidRaceLosesNoPaidOrder() throws Exception {
        long confirmed = new BookingRace(cluster.apis(), fixtures, jdbc, cluster.paymentCalls()).withFault(PostgresServer::restart).run(300, 30);

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
    void aNodeStoppedPastTheHoldTimeCannotConfirmItsStaleHold() throws Exception {
        // a process of its own, frozen with SIGSTOP in the middle of a checkout: its charge is taken, its hold runs out
        // while it stands still, a rival buys the seat elsewhere; when it wakes it must refund, not sell the seat again
        NodeProcess paused = cluster.startProcess(Map.of("boxoffice.payment.slow-delay", "1s"));
        String eventId = fixtures.event(fixtures.venue(1, 1, 4)).set("holdSeconds", 2).create();
        String seat = fixtures.seatIds(eventId).getFirst();
        String buyer = TestTokens.fan();
        ApiClient.Response stale = paused.api().post("/api/v1/events/" + eventId + "/holds", buyer, Map.of("seatIds", List.of(seat)));
        assertThat(stale.status()).isEqualTo(201);
        String staleHold = stale.text("holdId");
        CompletableFuture<ApiClient.Response> stalled = CompletableFuture.supplyAsync(() -> paused.api().post("/api/v1/orders", buyer,
                Map.of("holdId", staleHold, "payment", Map.of("method", "card", "token", "tok_lagging")),
                Map.of("Idempotency-Key", UUID.randomUUID().toString())), Executors.newVirtualThreadPerTaskExecutor());
        await("the charge is taken", Duration.ofSeconds(10), () -> chargedOrderOf(staleHold) != null);
        paused.pause();
        String rival = TestTokens.fan();
        try {
            await("the stopped node's hold expires", Duration.ofSeconds(10),
                    () -> cluster.node(0).api().get("/api/v1/holds/" + staleHold, buyer).status() == 404);
            ApiClient.Response fresh = cluster.node(1).api().post("/api/v1/events/" + eventId + "/holds", rival, Map.of("seatIds", List.of(seat)));
            assertThat(fresh.status()).as(fresh.toString()).isEqualTo(201);
            assertThat(fixtures.checkout(rival, fresh.text("holdId"), "tok_visa", UUID.randomUUID().toString()).status()).isEqualTo(201);
        } finally {
            paused.resume();
        }

        ApiClient.Response late = stalled.get(30, TimeUnit.SECONDS);

        assertThat(late.status()).as(late.toString()).isEqualTo(410);
        String lateOrder = late.json().get("orderId").asString();
        await("the stale order's charge is refunded", Duration.ofSeconds(20), () -> ledger(lateOrder, "REFUND") == 1);
        assertThat(ledger(lateOrder, "CHARGE")).isEqualTo(1);
        assertThat(TestPayments.calls(cluster.paymentCalls(), "refund", lateOrder)).as("refund calls").isPositive();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM tickets WHERE event_id = :event AND live_seat_id IS NOT NULL")
                .param("event", Long.parseLong(eventId)).query(Long.class).single()).as("the seat is sold once, to the rival").isEqualTo(1);
        paused.close();
    }

    /** The order of the hold once its charge is in the ledger, or null before. */
    private static String chargedOrderOf(String holdId) {
        return jdbc.sql("""
                SELECT o.id FROM orders o JOIN payment_ledger l ON l.order_id = o.id AND l.kind = 'CHARGE' WHERE o.hold_id = :hold
                """).param("hold", holdId).query(String.class).optional().orElse(null);
    }

    @Test
    @Order(7)
    void aNodeKilledAfterTheChargeLosesNoPaidOrder() throws Exception {
        // kill -9 between the charge and the confirmation: no shutdown hook, no finished request, only what is stored
        NodeProcess doomed = cluster.startProcess(Map.of("boxoffice.payment.slow-delay", "30s"));
        String eventId = fixtures.event(fixtures.venue(1, 1, 4)).create();
        String buyer = TestTokens.fan();
        ApiClient.Response hold = doomed.api().post("/api/v1/events/" + eventId + "/holds", buyer,
                Map.of("seatIds", fixtures.seatIds(eventId).subList(0, 2)));
        assertThat(hold.status()).isEqualTo(201);
        String holdId = hold.text("holdId");
        Executors.newVirtualThreadPerTaskExecutor().submit(() -> {
            try {
                doomed.api().post("/api/v1/orders", buyer, Map.of("holdId", holdId, "payment", Map.of("method", "card", "token", "tok_lagging")),
                        Map.of("Idempotency-Key", UUID.randomUUID().toString()));
            } catch (RuntimeException connectionLost) {
                // the node dies under this request
            }
        });
        await("the charge is taken", Duration.ofSeconds(10), () -> chargedOrderOf(holdId) != null);
        String orderId = chargedOrderOf(holdId);
        assertThat(status(orderId)).as("killed before it could confirm").isEqualTo("PENDING_PAYMENT");

        doomed.kill();

        await("recovery on the surviving nodes confirms the paid order", Duration.ofSeconds(30),
                () -> status(orderId).equals("CONFIRMED"));
        assertThat(ledger(orderId, "CHARGE")).isEqualTo(1);
        assertThat(ledger(orderId, "REFUND")).isZero();
        assertThat(TestPayments.calls(cluster.paymentCalls(), "charge", orderId)).as("charge calls").isEqualTo(1);
        assertThat(TestPayments.calls(cluster.paymentCalls(), "refund", orderId)).as("refund calls").isZero();
        assertThat(fixtures.seatStatuses(eventId).values().stream().filter("SOLD"::equals).count()).isEqualTo(2);
    }

    private static String status(String orderId) {
        return jdbc.sql("SELECT status FROM orders WHERE id = :id").param("id", orderId).query(String.class).single();
    }

    private static long ledger(String orderId, String kind) {
        return jdbc.sql("SELECT COUNT(*) FROM payment_ledger WHERE order_id = :id AND kind = :kind")
                .param("id", orderId).param("kind", kind).query(Long.class).single();
    }

    @Test
    @Order(8)
    void admittersOnEveryNodeAdmitEachBuyerOnceInJoinOrder() throws Exception {
        // one admission a second: each round admits one buyer, so the admission times give the exact sequence
        String eventId = fixtures.event(fixtures.venue(1, 2, 10)).onSaleAt(Instant.now().minusSeconds(5))
                .set("waitingRoom", Map.of("enabled", true, "admitPerMinute", 60, "maxActiveUsers", 1000, "prequeueMinutes", 10,
                        "proofOfWorkMaxNumber", 50))
                .create();
        List<String> buyers = new java.util.ArrayList<>();
        List<String> tokens = new java.util.ArrayList<>();
        List<String> proofs = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) { // solve every proof of work first, so that the joins themselves follow quickly
            String userId = TestTokens.newUserId();
            String token = TestTokens.token(userId, List.of("FAN"));
            ApiClient.Response challenge = cluster.apis().get(i % 3).get("/api/v1/events/" + eventId + "/queue/challenge", token);
            proofs.add(org.boxoffice.support.ProofOfWorkSolver.solve(challenge.json()));
            buyers.add(userId);
            tokens.add(token);
        }
        for (int i = 0; i < buyers.size(); i++) {
            ApiClient.Response joined = cluster.apis().get(i % 3).post("/api/v1/events/" + eventId + "/queue", tokens.get(i),
                    Map.of("proofOfWork", proofs.get(i)));
            assertThat(joined.status()).as(joined.toString()).isEqualTo(202);
        }
        await("every buyer admitted by the nodes' admitters", Duration.ofSeconds(40), () -> tokens.stream().allMatch(token ->
                "ADMITTED".equals(cluster.node(1).api().get("/api/v1/events/" + eventId + "/queue/me", token).text("status"))));

        try (var client = io.lettuce.core.RedisClient.create(redis.url()); var connection = client.connect()) {
            List<Double> admittedAt = buyers.stream()
                    .map(user -> connection.sync().zscore("{wr:" + eventId + "}:active", user)).toList();
            assertThat(admittedAt).doesNotContainNull();
            String tag = "{wr:" + eventId + "}";
            assertThat(connection.sync().hget(tag + ":meta", "admitted")).as("admissions made, over all nodes").isEqualTo("12");
            assertThat(connection.sync().zcard(tag + ":line")).as("buyers left waiting").isZero();
            for (int i = 1; i < admittedAt.size(); i++) {
                assertThat(admittedAt.get(i)).as("buyer %d admitted after buyer %d, who joined before", i, i - 1)
                        .isGreaterThan(admittedAt.get(i - 1));
            }
        }
        String admission = cluster.node(2).api().get("/api/v1/events/" + eventId + "/queue/me", tokens.getFirst()).text("admissionToken");
        ApiClient.Response hold = cluster.node(0).api().post("/api/v1/events/" + eventId + "/holds", tokens.getFirst(),
                Map.of("best", Map.of("quantity", 2)), Map.of("Admission-Token", admission));
        assertThat(hold.status()).as("a token from one node opens holds on another").isEqualTo(201);
    }

    @Test
    @Order(9)
    void aUsersRateLimitOnQueuePollingHoldsAcrossNodes() {
        String eventId = fixtures.event(fixtures.venue(1, 1, 4)).onSaleAt(Instant.now().minusSeconds(5))
                .set("waitingRoom", Map.of("enabled", true, "admitPerMinute", 60, "maxActiveUsers", 10, "prequeueMinutes", 10,
                        "proofOfWorkMaxNumber", 50))
                .create();
        String fan = TestTokens.fan();
        int limited = 0;
        // 20 requests a second with a burst of 40 per user, each of the three nodes enforcing its third: spread over
        // them, 120 quick requests must run into the limit (a full limit on every node would allow 120)
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
