package org.boxoffice.ordering.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.boxoffice.inventory.Hold;
import org.boxoffice.ordering.IssuedTicket;
import org.boxoffice.ordering.Order;
import org.boxoffice.ordering.OrderStatus;
import org.boxoffice.ordering.SalesInMinute;
import org.boxoffice.shared.Money;
import org.boxoffice.shared.Timestamps;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Orders and their tickets. Status changes are conditional on the status they leave, so each happens once. */
@Repository
public class JdbcOrders {
    private static final String SELECT = """
            SELECT id, user_id, event_id, hold_id, fence, status, total, currency, created_at, failure,
                   refund_amount, refund_status
            FROM orders
            """;

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    JdbcOrders(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    public void insertPending(String orderId, Hold hold, @Nullable String cardFingerprint, Instant now) {
        jdbc.sql("""
                INSERT INTO orders (id, user_id, event_id, hold_id, active_hold_id, fence, status, total, currency,
                                    created_at, updated_at, card_fingerprint, seat_count)
                VALUES (:id, :user, :event, :hold, :hold, :fence, 'PENDING_PAYMENT', :total, :currency, :now, :now, :card, :seats)
                """)
                .param("id", orderId).param("user", hold.userId()).param("event", hold.eventId())
                .param("hold", hold.holdId()).param("fence", hold.fence()).param("total", hold.total().amount())
                .param("currency", hold.total().currency()).param("now", Timestamps.utc(now)).param("card", cardFingerprint)
                .param("seats", hold.seats().size())
                .update();
    }

    /** Checkouts of the hold whose payment failed (declined, gateway error). */
    public int failedPayments(String holdId) {
        return jdbc.sql("SELECT COUNT(*) FROM orders WHERE hold_id = :hold AND status = 'FAILED' AND refund_amount IS NULL")
                .param("hold", holdId).query(Integer.class).single();
    }

    /** Makes sure the card has its lock row for the event; outside any transaction, as two checkouts may race to make it. */
    public void ensureCardLock(long eventId, String cardFingerprint) {
        try {
            jdbc.sql("INSERT INTO card_locks (event_id, card_fingerprint) VALUES (:event, :card)")
                    .param("event", eventId).param("card", cardFingerprint).update();
        } catch (DuplicateKeyException exists) {
            // made before, or by the checkout racing this one
        }
    }

    /**
     * Locks the card for this event until the caller's transaction ends, so that checkouts with one card count its
     * seats one after another, on every node.
     */
    public void lockCard(long eventId, String cardFingerprint) {
        jdbc.sql("SELECT event_id FROM card_locks WHERE event_id = :event AND card_fingerprint = :card FOR UPDATE")
                .param("event", eventId).param("card", cardFingerprint).query(Long.class).list();
    }

    /**
     * Seats of the event bought with this card and still valid, plus those of its checkouts in progress, in one statement:
     * as two, an order confirmed between them was counted by neither (pending in the first look, confirmed in the
     * second), and three checkouts racing with one card once got past a cap of two.
     */
    public int seatsPaidWithCard(long eventId, String cardFingerprint) {
        return jdbc.sql("""
                SELECT (SELECT COUNT(*) FROM tickets t JOIN orders o ON o.id = t.order_id
                        WHERE o.event_id = :event AND o.card_fingerprint = :card AND t.live_seat_id IS NOT NULL)
                     + (SELECT COALESCE(SUM(seat_count), 0) FROM orders
                        WHERE event_id = :event AND card_fingerprint = :card AND status = 'PENDING_PAYMENT')
                """).param("event", eventId).param("card", cardFingerprint).query(Integer.class).single();
    }

    public Optional<String> liveOrderOfHold(String holdId) {
        return jdbc.sql("SELECT id FROM orders WHERE active_hold_id = :hold").param("hold", holdId).query(String.class).optional();
    }

    /** PENDING_PAYMENT → CONFIRMED with its tickets; false when another path settled the order first. */
    public boolean confirm(String orderId, long eventId, List<Order.Ticket> tickets, Instant now) {
        int changed = jdbc.sql("""
                UPDATE orders SET status = 'CONFIRMED', updated_at = :now WHERE id = :id AND status = 'PENDING_PAYMENT'
                """).param("id", orderId).param("now", Timestamps.utc(now)).update();
        if (changed == 0) {
            return false;
        }
        batch.batchUpdate("""
                INSERT INTO tickets (id, order_id, event_id, seat_id, live_seat_id, label, category_id, price)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, tickets.stream().map(ticket -> new Object[] {ticket.ticketId(), orderId, eventId, ticket.seatId(),
                ticket.seatId(), ticket.label(), ticket.categoryId(), ticket.price().amount()}).toList());
        return true;
    }

    /** PENDING_PAYMENT → FAILED, freeing the hold for another attempt; false when already settled. */
    public boolean fail(String orderId, String reason, Instant now) {
        return jdbc.sql("""
                UPDATE orders SET status = 'FAILED', active_hold_id = NULL, failure = :reason, updated_at = :now
                WHERE id = :id AND status = 'PENDING_PAYMENT'
                """).param("id", orderId).param("reason", reason).param("now", Timestamps.utc(now)).update() == 1;
    }

    /** CONFIRMED → CANCELLED with a pending refund, and the tickets stop counting as live. */
    public boolean cancel(String orderId, Instant now) {
        int changed = jdbc.sql("""
                UPDATE orders SET status = 'CANCELLED', refund_amount = total, refund_status = 'PENDING', updated_at = :now
                WHERE id = :id AND status = 'CONFIRMED'
                """).param("id", orderId).param("now", Timestamps.utc(now)).update();
        if (changed == 0) {
            return false;
        }
        jdbc.sql("UPDATE tickets SET live_seat_id = NULL WHERE order_id = :id").param("id", orderId).update();
        return true;
    }

    /** Records the refund's outcome; false when another caller already recorded this one. */
    public boolean refundSettled(String orderId, String status, Instant now) {
        return jdbc.sql("""
                UPDATE orders SET refund_status = :status, refund_claimed_until = NULL, updated_at = :now
                WHERE id = :id AND refund_status <> :status
                """).param("status", status).param("now", Timestamps.utc(now)).param("id", orderId).update() == 1;
    }

    /** PENDING_PAYMENT → FAILED with the captured amount due back, in one statement, so the refund cannot be forgotten. */
    public boolean failWithRefund(String orderId, String reason, Money captured, Instant now) {
        return jdbc.sql("""
                UPDATE orders SET status = 'FAILED', active_hold_id = NULL, failure = :reason, refund_amount = :amount,
                                  refund_status = 'PENDING', updated_at = :now
                WHERE id = :id AND status = 'PENDING_PAYMENT'
                """).param("id", orderId).param("reason", reason).param("amount", captured.amount())
                .param("now", Timestamps.utc(now)).update() == 1;
    }

    /** A failed order turns out to have been charged after all (a late capture): the money is due back. */
    public boolean requireRefund(String orderId, Money captured, Instant now) {
        return jdbc.sql("""
                UPDATE orders SET refund_amount = :amount, refund_status = 'PENDING', updated_at = :now
                WHERE id = :id AND status = 'FAILED' AND refund_status IS NULL
                """).param("id", orderId).param("amount", captured.amount()).param("now", Timestamps.utc(now)).update() == 1;
    }

    /** Orders failed by recovery because no capture was seen; a capture may still arrive late. */
    public List<String> failedUncharged(String reason, Instant since) {
        return jdbc.sql("""
                SELECT id FROM orders WHERE status = 'FAILED' AND refund_status IS NULL AND failure = :reason AND updated_at > :since
                ORDER BY updated_at LIMIT 100
                """).param("reason", reason).param("since", Timestamps.utc(since)).query(String.class).list();
    }

    public Optional<Order> find(String orderId) {
        return withTickets(jdbc.sql(SELECT + " WHERE id = :id").param("id", orderId).query(this::map).list()).stream().findFirst();
    }

    /** One page of the user's orders, newest first. */
    public List<Order> ofUser(String userId, int page, int size) {
        return withTickets(jdbc.sql(SELECT + " WHERE user_id = :user ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset")
                .param("user", userId).param("limit", size).param("offset", (long) page * size).query(this::map).list());
    }

    public long countOfUser(String userId) {
        return jdbc.sql("SELECT COUNT(*) FROM orders WHERE user_id = :user").param("user", userId).query(Long.class).single();
    }

    /** Tickets are read after the orders' result set is closed, never inside it: one pooled connection at a time. */
    private List<Order> withTickets(List<Order> orders) {
        return orders.stream().map(o -> new Order(o.orderId(), o.userId(), o.eventId(), o.holdId(), o.fence(), o.status(),
                o.total(), o.createdAt(), tickets(o.orderId(), o.total().currency()), o.refund(), o.failure())).toList();
    }

    public List<String> stuckPending(Instant olderThan) {
        return jdbc.sql("SELECT id FROM orders WHERE status = 'PENDING_PAYMENT' AND updated_at < :before ORDER BY updated_at LIMIT 100")
                .param("before", Timestamps.utc(olderThan)).query(String.class).list();
    }

    /** Refunds due whose claim (if any) has run out: the caller that last asked the gateway died or got no answer. */
    public List<String> pendingRefunds(Instant now) {
        return jdbc.sql("""
                SELECT id FROM orders WHERE refund_status = 'PENDING' AND (refund_claimed_until IS NULL OR refund_claimed_until <= :now)
                ORDER BY updated_at LIMIT 100
                """).param("now", Timestamps.utc(now)).query(String.class).list();
    }

    /**
     * Takes the right to ask the gateway for the order's refund until {@code until}; false when the refund is not due
     * or someone else holds the right. One row update, so of two callers at once exactly one wins.
     */
    public boolean claimRefund(String orderId, Instant now, Instant until) {
        return jdbc.sql("""
                UPDATE orders SET refund_claimed_until = :until
                WHERE id = :id AND refund_status = 'PENDING' AND (refund_claimed_until IS NULL OR refund_claimed_until <= :now)
                """).param("id", orderId).param("now", Timestamps.utc(now)).param("until", Timestamps.utc(until)).update() == 1;
    }

    public boolean hasConfirmed(String userId, long eventId) {
        return jdbc.sql("SELECT COUNT(*) FROM orders WHERE user_id = :user AND event_id = :event AND status = 'CONFIRMED'")
                .param("user", userId).param("event", eventId).query(Long.class).single() > 0;
    }

    /** Buyers whose order for the event was created in [from, to) and paid (confirmed, or cancelled since). */
    public java.util.Set<String> buyersBetween(long eventId, Instant from, Instant to) {
        return java.util.Set.copyOf(jdbc.sql("""
                SELECT DISTINCT user_id FROM orders WHERE event_id = :event AND created_at >= :from AND created_at < :to
                AND status IN ('CONFIRMED', 'CANCELLED')""")
                .param("event", eventId).param("from", Timestamps.utc(from)).param("to", Timestamps.utc(to)).query(String.class).list());
    }

    public Money revenue(long eventId, String currency) {
        java.math.BigDecimal sum = jdbc.sql("SELECT SUM(total) FROM orders WHERE event_id = :event AND status = 'CONFIRMED'")
                .param("event", eventId).query(java.math.BigDecimal.class).optional().orElse(null);
        return new Money(sum == null ? java.math.BigDecimal.ZERO : sum, currency);
    }

    public int countValidTickets(long eventId) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM tickets t JOIN orders o ON o.id = t.order_id
                WHERE t.event_id = :event AND t.live_seat_id IS NOT NULL AND o.status = 'CONFIRMED'
                """).param("event", eventId).query(Integer.class).single();
    }

    /** A ticket as the door sees it: valid while its order is confirmed and the ticket not cancelled. */
    private static final String ISSUED_TICKET = """
            SELECT t.id, t.order_id, o.user_id, t.event_id, t.seat_id, t.label,
                   CASE WHEN o.status = 'CONFIRMED' AND t.live_seat_id IS NOT NULL THEN 1 ELSE 0 END AS valid
            FROM tickets t JOIN orders o ON o.id = t.order_id
            """;

    /** The event's valid tickets (confirmed, not cancelled) in seat order. */
    public List<IssuedTicket> validTickets(long eventId) {
        return jdbc.sql(ISSUED_TICKET + " WHERE t.event_id = :event AND t.live_seat_id IS NOT NULL AND o.status = 'CONFIRMED'"
                        + " ORDER BY t.seat_id")
                .param("event", eventId).query(JdbcOrders::issuedTicket).list();
    }

    public Optional<IssuedTicket> issuedTicket(String ticketId) {
        return jdbc.sql(ISSUED_TICKET + " WHERE t.id = :id").param("id", ticketId).query(JdbcOrders::issuedTicket).optional();
    }

    private static IssuedTicket issuedTicket(ResultSet rs, int row) throws SQLException {
        return new IssuedTicket(rs.getString("id"), rs.getString("order_id"), rs.getString("user_id"), rs.getLong("event_id"),
                rs.getLong("seat_id"), rs.getString("label"), rs.getInt("valid") == 1);
    }

    /**
     * Seats and revenue of the event's confirmed orders per minute since {@code since}, oldest first; minutes without a
     * sale are left out. Counted in the database so that a busy on-sale sends a few rows, not every order.
     */
    public List<SalesInMinute> salesPerMinute(long eventId, Instant since, String currency) {
        return jdbc.sql("""
                SELECT FLOOR(EXTRACT(EPOCH FROM o.created_at) / 60) AS minute_number, COUNT(t.id) AS seats, SUM(t.price) AS revenue
                FROM orders o JOIN tickets t ON t.order_id = o.id
                WHERE o.event_id = :event AND o.status = 'CONFIRMED' AND o.created_at >= :since
                GROUP BY FLOOR(EXTRACT(EPOCH FROM o.created_at) / 60)
                ORDER BY minute_number
                """).param("event", eventId).param("since", Timestamps.utc(since))
                .query((rs, n) -> new SalesInMinute(Instant.ofEpochSecond(rs.getLong("minute_number") * 60), rs.getInt("seats"),
                        new Money(rs.getBigDecimal("revenue"), currency)))
                .list();
    }

    private Order map(ResultSet rs, int row) throws SQLException {
        String id = rs.getString("id");
        String currency = rs.getString("currency");
        Order.Refund refund = rs.getString("refund_status") == null ? null
                : new Order.Refund(new Money(rs.getBigDecimal("refund_amount"), currency), rs.getString("refund_status"));
        return new Order(id, rs.getString("user_id"), rs.getLong("event_id"), rs.getString("hold_id"), rs.getLong("fence"),
                OrderStatus.valueOf(rs.getString("status")), new Money(rs.getBigDecimal("total"), currency),
                Timestamps.instant(rs, "created_at"), List.of(), refund, rs.getString("failure"));
    }

    private List<Order.Ticket> tickets(String orderId, String currency) {
        return jdbc.sql("SELECT id, seat_id, label, category_id, price FROM tickets WHERE order_id = :id ORDER BY seat_id")
                .param("id", orderId)
                .query((rs, n) -> new Order.Ticket(rs.getString("id"), rs.getLong("seat_id"), rs.getString("label"),
                        rs.getLong("category_id"), new Money(rs.getBigDecimal("price"), currency)))
                .list();
    }
}
