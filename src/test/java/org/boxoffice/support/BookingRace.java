package org.boxoffice.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Buyers race for a few seats with random overlapping multi-seat holds, purchases, declines, releases and
 * cancellations, all at once through HTTP, spread over one or more nodes (a hold on one node, its checkout on
 * the next). An optional fault strikes mid-race. A checker then compares every successful answer with the
 * database, the seat map and the payment ledger. Used against H2, PostgreSQL and clusters alike.
 */
public final class BookingRace {
    private final List<ApiClient> nodes;
    private final Fixtures fixtures;
    private final JdbcClient jdbc;
    private final Path paymentCalls;
    private Runnable fault = () -> { };
    private boolean faultTolerant;

    /** {@code cancelled} is null when a fault left it unknown whether the cancel happened. */
    record Purchase(String userId, String orderId, Set<String> seatIds, Boolean cancelled) {
    }

    /** {@code paymentCalls}: the nodes' log of gateway calls ({@link TestPayments}). */
    public BookingRace(List<ApiClient> nodes, Fixtures fixtures, JdbcClient jdbc, Path paymentCalls) {
        this.nodes = nodes;
        this.fixtures = fixtures;
        this.jdbc = jdbc;
        this.paymentCalls = paymentCalls;
    }

    public BookingRace(ApiClient api, Fixtures fixtures, JdbcClient jdbc, Path paymentCalls) {
        this(List.of(api), fixtures, jdbc, paymentCalls);
    }

    /**
     * Strikes once a third of the buyers are done. Requests may then fail (5xx, a hold lost to the fault), but
     * every success must still hold, and money must balance once recovery has settled what the fault left open.
     */
    public BookingRace withFault(Runnable fault) {
        this.fault = fault;
        this.faultTolerant = true;
        return this;
    }

    /**
     * Runs the race and checks the invariants; returns the number of confirmed orders left standing. With a fault,
     * a second wave of buyers follows once recovery has settled everything, without the fault's tolerance: a rebuild
     * that got the seats wrong would sell them again there, and show up as a 410 or a 5xx.
     */
    public long run(int buyerCount, int seatCount) throws Exception {
        return run(event(fixtures, seatCount), buyerCount);
    }

    /** An event of the race's shape: two rows, at most four seats per order. */
    public static String event(Fixtures fixtures, int seatCount) {
        String eventId = fixtures.event(fixtures.venue(1, 2, seatCount / 2)).set("maxSeatsPerOrder", 4).create();
        assertThat(fixtures.seatIds(eventId)).hasSize(seatCount);
        return eventId;
    }

    /** Runs the race on an event made by {@link #event}, for a test that needs to know the event first. */
    public long run(String eventId, int buyerCount) throws Exception {
        List<String> seats = fixtures.seatIds(eventId);

        ConcurrentLinkedQueue<Purchase> purchases = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
        Map<String, AtomicInteger> faultOutcomes = new ConcurrentHashMap<>();
        wave(0, buyerCount, eventId, seats, purchases, unexpected, faultTolerant ? faultOutcomes : null, fault);
        assertThat(unexpected).as("responses outside the contract").isEmpty();
        long eventNumber = Long.parseLong(eventId);
        Set<String> ordersOfTheFault = Set.of();
        if (faultTolerant) {
            awaitDatabase();
            awaitNoPendingOrders(eventNumber);
            long lostSeatRefunds = jdbc.sql("SELECT COUNT(*) FROM orders WHERE event_id = :event AND failure = :lost")
                    .param("event", eventNumber).param("lost", "seats lost before confirmation").query(Long.class).single();
            System.out.printf("Race with a fault: answers the fault explains %s; orders refunded because their seats were lost: %d%n",
                    faultOutcomes, lostSeatRefunds);
            ordersOfTheFault = Set.copyOf(ordersOf(eventNumber));
            wave(buyerCount, buyerCount / 3, eventId, seats, purchases, unexpected, null, () -> { });
            assertThat(unexpected).as("responses outside the contract after recovery (no fault any more)").isEmpty();
        }
        // The database's unique constraint makes a second live ticket for a seat impossible; what proves that no
        // seat was sold twice is what buyers were told (below): no two buyers left holding 201s for one seat.

        // 2. Every successful response matches the database.
        assertThat(purchases).as("some buyers must have succeeded").isNotEmpty();
        Set<String> liveSeats = new HashSet<>();
        for (Purchase purchase : purchases) {
            Map<String, Object> order = jdbc.sql("SELECT status, user_id FROM orders WHERE id = :id")
                    .param("id", purchase.orderId()).query().singleRow();
            if (purchase.cancelled() == null) {
                assertThat(order.get("status")).isIn("CONFIRMED", "CANCELLED");
            } else {
                assertThat(order.get("status")).isEqualTo(purchase.cancelled() ? "CANCELLED" : "CONFIRMED");
            }
            assertThat(order.get("user_id")).isEqualTo(purchase.userId());
            Set<String> ticketSeats = new HashSet<>(jdbc.sql("SELECT CAST(seat_id AS VARCHAR(20)) FROM tickets WHERE order_id = :id")
                    .param("id", purchase.orderId()).query(String.class).list());
            assertThat(ticketSeats).isEqualTo(purchase.seatIds());
            if ("CONFIRMED".equals(order.get("status"))) {
                assertThat(Collections.disjoint(liveSeats, purchase.seatIds())).as("seat sold twice").isTrue();
                liveSeats.addAll(purchase.seatIds());
            }
        }
        List<String> confirmedOrders = jdbc.sql("SELECT id FROM orders WHERE event_id = :event AND status = 'CONFIRMED'")
                .param("event", eventNumber).query(String.class).list();
        if (!faultTolerant) {
            // with faults, a buyer may not have heard of an order that recovery confirmed later
            assertThat((long) confirmedOrders.size()).isEqualTo(purchases.stream().filter(p -> !p.cancelled()).count());
        }
        Set<String> liveTicketSeats = new HashSet<>(jdbc.sql("""
                SELECT CAST(live_seat_id AS VARCHAR(20)) FROM tickets WHERE event_id = :event AND live_seat_id IS NOT NULL
                """).param("event", eventNumber).query(String.class).list());
        assertThat(liveTicketSeats).containsAll(liveSeats);

        // The seat map agrees: exactly the live tickets' seats are SOLD.
        Map<String, String> statuses = fixtures.seatStatuses(eventId);
        Set<String> soldOnMap = new HashSet<>();
        statuses.forEach((seat, status) -> {
            if (status.equals("SOLD")) {
                soldOnMap.add(seat);
            }
        });
        assertThat(soldOnMap).isEqualTo(liveTicketSeats);

        // 3. Money balances: every charge backs a confirmed order or has been refunded, refunds match charges.
        List<Map<String, Object>> ledger = jdbc.sql("""
                SELECT l.order_id, l.kind, l.amount, o.status, o.total FROM payment_ledger l JOIN orders o ON o.id = l.order_id
                WHERE o.event_id = :event
                """).param("event", eventNumber).query().listOfRows();
        Map<String, BigDecimal> charges = new HashMap<>();
        Map<String, BigDecimal> refunds = new HashMap<>();
        Map<String, String> orderStatus = new HashMap<>();
        for (Map<String, Object> row : ledger) {
            String order = (String) row.get("order_id");
            orderStatus.put(order, (String) row.get("status"));
            (row.get("kind").equals("CHARGE") ? charges : refunds).put(order, (BigDecimal) row.get("amount"));
            if (row.get("kind").equals("CHARGE")) {
                assertThat((BigDecimal) row.get("amount")).isEqualByComparingTo((BigDecimal) row.get("total"));
            }
        }
        charges.forEach((order, amount) -> {
            boolean refunded = refunds.containsKey(order);
            assertThat(orderStatus.get(order).equals("CONFIRMED") != refunded)
                    .as("charge of order %s (%s) must back a confirmed order or be refunded, not both", order, orderStatus.get(order))
                    .isTrue();
            if (refunded) {
                assertThat(refunds.get(order)).isEqualByComparingTo(amount);
            }
        });
        assertThat(charges.keySet()).containsAll(refunds.keySet());
        confirmedOrders.forEach(order -> assertThat(charges).as("confirmed order %s has a charge", order).containsKey(order));

        // 4. The gateway was asked as often as the ledger says, which its one-refund-per-order constraint would hide:
        // at most one charge call per order, and one refund call per order except where a fault broke a call off
        // (a refund the gateway made but the database never heard of is asked again, by design).
        List<String> calls = TestPayments.calls(paymentCalls);
        Map<String, Integer> repeatedRefunds = new HashMap<>();
        for (String order : ordersOf(eventNumber)) {
            assertThat(calls.stream().filter(("charge " + order)::equals).count()).as("charge calls for order %s", order).isLessThanOrEqualTo(1);
            long refundCalls = calls.stream().filter(("refund " + order)::equals).count();
            assertThat(refundCalls).as("refund calls for refunded order %s", order).isGreaterThanOrEqualTo(refunds.containsKey(order) ? 1 : 0);
            if (ordersOfTheFault.contains(order)) {
                if (refundCalls > 1) {
                    repeatedRefunds.put(order, (int) refundCalls);
                }
            } else {
                assertThat(refundCalls).as("refund calls for order %s", order).isLessThanOrEqualTo(1);
            }
        }
        if (faultTolerant) {
            System.out.printf("Refunds asked again after the fault broke a call off: %s%n", repeatedRefunds);
        }
        return confirmedOrders.size();
    }

    private List<String> ordersOf(long eventId) {
        return jdbc.sql("SELECT id FROM orders WHERE event_id = :event").param("event", eventId).query(String.class).list();
    }

    /**
     * One wave of buyers. With a fault the race spans it: the fault strikes once a third of the first two thirds are
     * done, while the rest of them are still buying (checked), and the last third start only once it has struck, so
     * that holds made before the fault are paid for after it and the service is used while it recovers.
     */
    private void wave(int firstBuyer, int buyerCount, String eventId, List<String> seats, ConcurrentLinkedQueue<Purchase> purchases,
                      ConcurrentLinkedQueue<String> unexpected, Map<String, AtomicInteger> faultOutcomes, Runnable fault)
            throws Exception {
        boolean withFault = faultOutcomes != null;
        int late = withFault ? buyerCount / 3 : 0;
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch struck = new CountDownLatch(1);
        CountDownLatch third = new CountDownLatch(Math.max(1, buyerCount / 3));
        AtomicInteger finished = new AtomicInteger();
        List<Future<?>> buyers = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Integer> striking = pool.submit(() -> {
                third.await();
                int stillBuying = buyerCount - late - finished.get();
                fault.run();
                struck.countDown();
                return stillBuying;
            });
            for (int b = firstBuyer; b < firstBuyer + buyerCount; b++) {
                int buyer = b;
                boolean afterFault = b >= firstBuyer + buyerCount - late;
                buyers.add(pool.submit(() -> {
                    start.await();
                    if (afterFault) {
                        struck.await();
                    }
                    try {
                        buy(buyer, eventId, seats, new Random(1000L + buyer), purchases, unexpected, faultOutcomes);
                    } catch (RuntimeException e) {
                        unexpected.add("exception: " + e); // the nodes stay up through every fault: no call may fail
                    } finally {
                        finished.incrementAndGet();
                        third.countDown();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> buyer : buyers) {
                buyer.get(3, TimeUnit.MINUTES);
            }
            int stillBuying = striking.get(2, TimeUnit.MINUTES);
            if (withFault) {
                System.out.printf("The fault struck with %d buyers still buying and %d waiting to start after it%n", stillBuying, late);
                assertThat(stillBuying).as("buyers still buying when the fault struck (it must land mid-race)").isPositive();
            }
        }
    }

    /**
     * A checkout as a client should make it while a fault lasts: after a 503, or a 409 saying the first attempt is still
     * being processed, it tries again with the same Idempotency-Key once Retry-After (or a second) has passed; told that
     * the hold's order exists already, it follows that order until it is settled. Half a minute at most. Without a fault
     * the first answer is final. A settled order read this way answers 200 (the checkout's 201 otherwise).
     */
    private static ApiClient.Response checkout(ApiClient node, String token, String holdId, String payment,
                                               Map<String, AtomicInteger> faultOutcomes) {
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        Map<String, Object> body = Map.of("holdId", holdId, "payment", Map.of("method", "card", "token", payment));
        long giveUpAt = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        ApiClient.Response order = node.post("/api/v1/orders", token, body, key);
        while (faultOutcomes != null && System.nanoTime() < giveUpAt) {
            boolean inProgress = order.status() == 409 && order.problemType().equals("request-in-progress");
            if (order.status() == 409 && order.problemType().equals("checkout-in-progress")) {
                count(faultOutcomes, "checkout followed to its order");
                return settled(node, token, order.text("orderId"), giveUpAt);
            }
            if (order.status() != 503 && !inProgress) {
                return order;
            }
            count(faultOutcomes, "checkout retried after " + order.status());
            String retryAfter = order.header("Retry-After");
            pause(Duration.ofSeconds(retryAfter == null ? 1 : Long.parseLong(retryAfter)));
            order = node.post("/api/v1/orders", token, body, key);
        }
        return order;
    }

    /** The order, read until it is no longer waiting for its payment (recovery settles it), or the time is up. */
    private static ApiClient.Response settled(ApiClient node, String token, String orderId, long giveUpAt) {
        ApiClient.Response order = node.get("/api/v1/orders/" + orderId, token);
        while (System.nanoTime() < giveUpAt && (order.status() != 200 || order.text("status").equals("PENDING_PAYMENT"))) {
            pause(Duration.ofMillis(500));
            order = node.get("/api/v1/orders/" + orderId, token);
        }
        return order;
    }

    /** A client's pacing between attempts, as Retry-After asks; not a wait for the service's state. */
    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** During a fault: counts an answer the fault explains (503, a hold lost to it); any other is outside the contract. */
    private static boolean explainedByFault(Map<String, AtomicInteger> faultOutcomes, String step, int status) {
        if (faultOutcomes == null || !(status == 503 || status == 410 || (step.equals("release") && status == 404))) {
            return false;
        }
        count(faultOutcomes, step + " " + status);
        return true;
    }

    private static void count(Map<String, AtomicInteger> faultOutcomes, String outcome) {
        faultOutcomes.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
    }

    /** After a database fault the pool may still hand out a dead connection or two; each failed query retires one. */
    private void awaitDatabase() {
        Awaitility.await("the database answers again").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .ignoreExceptionsInstanceOf(DataAccessException.class)
                .until(() -> jdbc.sql("SELECT 1").query(Integer.class).single() == 1);
    }

    /** Recovery settles orders that a fault left in PENDING_PAYMENT or with a refund due; the checker waits for it, boundedly. */
    private void awaitNoPendingOrders(long eventId) {
        Awaitility.await("recovery settles the orders left open by the fault").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> jdbc.sql("""
                        SELECT COUNT(*) FROM orders WHERE event_id = :event
                        AND (status = 'PENDING_PAYMENT' OR refund_status = 'PENDING')
                        """).param("event", eventId).query(Long.class).single() == 0);
    }

    private void buy(int buyer, String eventId, List<String> seats, Random random, ConcurrentLinkedQueue<Purchase> purchases,
                     ConcurrentLinkedQueue<String> unexpected, Map<String, AtomicInteger> faultOutcomes) {
        ApiClient holdNode = nodes.get(buyer % nodes.size());
        ApiClient payNode = nodes.get((buyer + 1) % nodes.size());
        String userId = TestTokens.newUserId();
        String token = TestTokens.token(userId, List.of("FAN"));
        List<String> wanted = new ArrayList<>(seats);
        Collections.shuffle(wanted, random);
        wanted = wanted.subList(0, 1 + random.nextInt(4));
        ApiClient.Response hold = random.nextInt(5) == 0
                ? holdNode.post("/api/v1/events/" + eventId + "/holds", token, Map.of("best", Map.of("quantity", wanted.size())))
                : holdNode.post("/api/v1/events/" + eventId + "/holds", token, Map.of("seatIds", wanted));
        if (hold.status() == 409 || explainedByFault(faultOutcomes, "hold", hold.status())) {
            return;
        }
        if (hold.status() != 201) {
            unexpected.add("hold: " + hold);
            return;
        }
        String holdId = hold.text("holdId");
        Set<String> heldSeats = new HashSet<>();
        hold.json().get("seats").forEach(seat -> heldSeats.add(seat.get("id").asString()));
        int action = random.nextInt(10);
        if (action == 0) {
            ApiClient.Response released = payNode.delete("/api/v1/holds/" + holdId, token);
            if (released.status() != 204 && !explainedByFault(faultOutcomes, "release", released.status())) {
                unexpected.add("release: " + released);
            }
            return;
        }
        String payment = action == 1 ? "tok_declined" : "tok_visa";
        ApiClient.Response order = checkout(payNode, token, holdId, payment, faultOutcomes);
        if (payment.equals("tok_declined")) {
            if (order.status() != 402 && !explainedByFault(faultOutcomes, "declined checkout", order.status())) {
                unexpected.add("declined checkout: " + order);
            }
            return;
        }
        boolean followed = order.status() == 200; // a checkout the fault broke off, followed to its order (see checkout)
        if (followed && !order.text("status").equals("CONFIRMED")) {
            count(faultOutcomes, "checkout followed to a " + order.text("status") + " order"); // no purchase
            return;
        }
        if (order.status() != 201 && !followed) {
            if (!explainedByFault(faultOutcomes, "checkout", order.status())) {
                unexpected.add("checkout: " + order);
            }
            return;
        }
        Set<String> ticketSeats = new HashSet<>();
        order.json().get("tickets").forEach(ticket -> ticketSeats.add(ticket.get("seatId").asString()));
        if (!ticketSeats.equals(heldSeats) || !order.text("status").equals("CONFIRMED")) {
            unexpected.add("order " + order + " differs from held seats " + heldSeats);
        }
        Boolean cancel = action == 2;
        if (cancel) {
            ApiClient.Response cancelled = holdNode.post("/api/v1/orders/" + order.text("orderId") + "/cancel", token, null);
            if (cancelled.status() != 200 || !cancelled.text("status").equals("CANCELLED")) {
                if (explainedByFault(faultOutcomes, "cancel", cancelled.status())) {
                    cancel = null; // the cancel may or may not have happened; the database decides below
                } else {
                    unexpected.add("cancel: " + cancelled);
                }
            }
        }
        purchases.add(new Purchase(userId, order.text("orderId"), ticketSeats, cancel));
    }
}
