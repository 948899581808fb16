package org.boxoffice.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Buyers race for a few seats with random overlapping multi-seat holds, purchases, declines, releases and
 * cancellations, all at once through HTTP. A checker then compares every successful answer with the
 * database, the seat map and the payment ledger. Used against H2 and PostgreSQL alike.
 */
public final class BookingRace {
    private final ApiClient api;
    private final Fixtures fixtures;
    private final JdbcClient jdbc;

    public BookingRace(ApiClient api, Fixtures fixtures, JdbcClient jdbc) {
        this.api = api;
        this.fixtures = fixtures;
        this.jdbc = jdbc;
    }

    record Purchase(String userId, String orderId, Set<String> seatIds, boolean cancelled) {
    }

    /** Runs the race and checks the invariants; returns the number of confirmed orders left standing. */
    public long run(int buyerCount, int seatCount) throws Exception {
        String eventId = fixtures.event(fixtures.venue(1, 2, seatCount / 2)).set("maxSeatsPerOrder", 4).create();
        List<String> seats = fixtures.seatIds(eventId);
        assertThat(seats).hasSize(seatCount);

        ConcurrentLinkedQueue<Purchase> purchases = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> buyers = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int b = 0; b < buyerCount; b++) {
                long seed = 1000L + b;
                buyers.add(pool.submit(() -> {
                    start.await();
                    buy(eventId, seats, new Random(seed), purchases, unexpected);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> buyer : buyers) {
                buyer.get(3, TimeUnit.MINUTES);
            }
        }

        assertThat(unexpected).as("responses outside the contract").isEmpty();
        long eventNumber = Long.parseLong(eventId);

        // 1. No seat is in two live tickets, and no seat belongs to two confirmed orders.
        assertThat(jdbc.sql("""
                SELECT t.seat_id FROM tickets t JOIN orders o ON o.id = t.order_id
                WHERE o.event_id = :event AND o.status = 'CONFIRMED' GROUP BY t.seat_id HAVING COUNT(*) > 1
                """).param("event", eventNumber).query(Long.class).list()).isEmpty();
        assertThat(jdbc.sql("""
                SELECT live_seat_id FROM tickets WHERE event_id = :event AND live_seat_id IS NOT NULL
                GROUP BY live_seat_id HAVING COUNT(*) > 1
                """).param("event", eventNumber).query(Long.class).list()).isEmpty();

        // 2. Every successful response matches the database.
        assertThat(purchases).as("some buyers must have succeeded").isNotEmpty();
        Set<String> liveSeats = new HashSet<>();
        for (Purchase purchase : purchases) {
            Map<String, Object> order = jdbc.sql("SELECT status, user_id FROM orders WHERE id = :id")
                    .param("id", purchase.orderId()).query().singleRow();
            assertThat(order.get("status")).isEqualTo(purchase.cancelled() ? "CANCELLED" : "CONFIRMED");
            assertThat(order.get("user_id")).isEqualTo(purchase.userId());
            Set<String> ticketSeats = new HashSet<>(jdbc.sql("SELECT CAST(seat_id AS VARCHAR(20)) FROM tickets WHERE order_id = :id")
                    .param("id", purchase.orderId()).query(String.class).list());
            assertThat(ticketSeats).isEqualTo(purchase.seatIds());
            if (!purchase.cancelled()) {
                assertThat(Collections.disjoint(liveSeats, purchase.seatIds())).as("seat sold twice").isTrue();
                liveSeats.addAll(purchase.seatIds());
            }
        }
        long confirmed = jdbc.sql("SELECT COUNT(*) FROM orders WHERE event_id = :event AND status = 'CONFIRMED'")
                .param("event", eventNumber).query(Long.class).single();
        assertThat(confirmed).isEqualTo(purchases.stream().filter(p -> !p.cancelled()).count());

        // The seat map agrees: exactly the live tickets' seats are SOLD.
        Map<String, String> statuses = fixtures.seatStatuses(eventId);
        Set<String> soldOnMap = new HashSet<>();
        statuses.forEach((seat, status) -> {
            if (status.equals("SOLD")) {
                soldOnMap.add(seat);
            }
        });
        assertThat(soldOnMap).isEqualTo(liveSeats);

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
        assertThat(jdbc.sql("SELECT COUNT(*) FROM orders WHERE event_id = :event AND status = 'CONFIRMED'")
                .param("event", eventNumber).query(Long.class).single()).isEqualTo(confirmed);
        jdbc.sql("SELECT id FROM orders WHERE event_id = :event AND status = 'CONFIRMED'").param("event", eventNumber)
                .query(String.class).list()
                .forEach(order -> assertThat(charges).as("confirmed order %s has a charge", order).containsKey(order));
        return confirmed;
    }

    private void buy(String eventId, List<String> seats, Random random, ConcurrentLinkedQueue<Purchase> purchases,
                     ConcurrentLinkedQueue<String> unexpected) {
        String userId = TestTokens.newUserId();
        String token = TestTokens.token(userId, List.of("FAN"));
        List<String> wanted = new ArrayList<>(seats);
        Collections.shuffle(wanted, random);
        wanted = wanted.subList(0, 1 + random.nextInt(4));
        ApiClient.Response hold = random.nextInt(5) == 0
                ? api.post("/api/v1/events/" + eventId + "/holds", token, Map.of("best", Map.of("quantity", wanted.size())))
                : fixtures.hold(token, eventId, wanted);
        if (hold.status() == 409) {
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
            ApiClient.Response released = api.delete("/api/v1/holds/" + holdId, token);
            if (released.status() != 204) {
                unexpected.add("release: " + released);
            }
            return;
        }
        String payment = action == 1 ? "tok_declined" : "tok_visa";
        ApiClient.Response order = fixtures.checkout(token, holdId, payment, UUID.randomUUID().toString());
        if (payment.equals("tok_declined")) {
            if (order.status() != 402) {
                unexpected.add("declined checkout: " + order);
            }
            return;
        }
        if (order.status() != 201) {
            unexpected.add("checkout: " + order);
            return;
        }
        JsonNode tickets = order.json().get("tickets");
        Set<String> ticketSeats = new HashSet<>();
        tickets.forEach(ticket -> ticketSeats.add(ticket.get("seatId").asString()));
        if (!ticketSeats.equals(heldSeats)) {
            unexpected.add("tickets " + ticketSeats + " differ from held seats " + heldSeats);
        }
        boolean cancel = action == 2;
        if (cancel) {
            ApiClient.Response cancelled = api.post("/api/v1/orders/" + order.text("orderId") + "/cancel", token, null);
            if (cancelled.status() != 200 || !cancelled.text("status").equals("CANCELLED")) {
                unexpected.add("cancel: " + cancelled);
            }
        }
        purchases.add(new Purchase(userId, order.text("orderId"), ticketSeats, cancel));
    }
}
