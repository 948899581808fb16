package org.boxoffice.loadtest;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The on-sale's invariants, read straight from the service's database after a run: no seat in two live tickets, no
 * paid order lost (every charge backs a confirmed order or was refunded), and the ledger balanced. A checkout cut short
 * (a node overloaded or killed between charge and confirmation) leaves a charged order pending, which the service's
 * recovery settles within its recovery delay: the check waits for that (up to {@code settle}) before it counts.
 */
final class Invariants {
    record Report(long seatsSoldTwice, long chargesWithoutOrderOrRefund, long confirmedWithoutCharge, long ticketsLive,
                  long confirmedOrders, long settledAfterRun, long secondsWaitedForRecovery) {
        boolean holds() {
            return seatsSoldTwice == 0 && chargesWithoutOrderOrRefund == 0 && confirmedWithoutCharge == 0;
        }

        String json() {
            return """
                    {"holds":%s,"seatsSoldTwice":%d,"paidOrdersLost":%d,"confirmedWithoutCharge":%d,"liveTickets":%d,"confirmedOrders":%d,\
                    "chargedOrdersPendingAtEndOfRun":%d,"secondsWaitedForRecovery":%d}\
                    """.formatted(holds(), seatsSoldTwice, chargesWithoutOrderOrRefund, confirmedWithoutCharge, ticketsLive, confirmedOrders,
                    settledAfterRun, secondsWaitedForRecovery);
        }
    }

    private Invariants() {
    }

    private static final String CHARGED_PENDING = """
            SELECT COUNT(*) FROM payment_ledger c JOIN orders o ON o.id = c.order_id
            WHERE o.event_id = ? AND c.kind = 'CHARGE' AND o.status = 'PENDING_PAYMENT'
              AND NOT EXISTS (SELECT 1 FROM payment_ledger r WHERE r.order_id = c.order_id AND r.kind = 'REFUND')
            """;

    static Report check(String url, String user, String password, long eventId, java.time.Duration settle) {
        try (Connection db = DriverManager.getConnection(url, user, password)) {
            long started = System.nanoTime();
            long pendingAtEnd = count(db, CHARGED_PENDING, eventId);
            while (count(db, CHARGED_PENDING, eventId) > 0 && System.nanoTime() - started < settle.toNanos()) {
                Thread.sleep(1000); // the service's recovery runs on its own schedule; look again each second
            }
            long waited = (System.nanoTime() - started) / 1_000_000_000L;
            return new Report(
                    count(db, """
                            SELECT COUNT(*) FROM (SELECT t.seat_id FROM tickets t JOIN orders o ON o.id = t.order_id
                                                  WHERE o.event_id = ? AND o.status = 'CONFIRMED'
                                                  GROUP BY t.seat_id HAVING COUNT(*) > 1) twice
                            """, eventId),
                    count(db, """
                            SELECT COUNT(*) FROM payment_ledger c JOIN orders o ON o.id = c.order_id
                            WHERE o.event_id = ? AND c.kind = 'CHARGE' AND o.status <> 'CONFIRMED'
                              AND NOT EXISTS (SELECT 1 FROM payment_ledger r WHERE r.order_id = c.order_id AND r.kind = 'REFUND')
                            """, eventId),
                    count(db, """
                            SELECT COUNT(*) FROM orders o WHERE o.event_id = ? AND o.status = 'CONFIRMED'
                              AND NOT EXISTS (SELECT 1 FROM payment_ledger c WHERE c.order_id = o.id AND c.kind = 'CHARGE')
                            """, eventId),
                    count(db, "SELECT COUNT(*) FROM tickets t JOIN orders o ON o.id = t.order_id WHERE o.event_id = ? AND o.status = 'CONFIRMED'",
                            eventId),
                    count(db, "SELECT COUNT(*) FROM orders WHERE event_id = ? AND status = 'CONFIRMED'", eventId),
                    pendingAtEnd, waited);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot check the database at " + url, e);
        }
    }

    private static long count(Connection db, String sql, long eventId) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setLong(1, eventId);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
