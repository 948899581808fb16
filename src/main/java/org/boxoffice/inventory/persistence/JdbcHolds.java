package org.boxoffice.inventory.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.boxoffice.inventory.Holds;
import org.boxoffice.shared.Timestamps;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcHolds implements Holds {
    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    /** PostgreSQL raises a seat's fence in one upsert; H2 has no ON CONFLICT DO UPDATE and takes two statements. */
    private final boolean postgres;

    JdbcHolds(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.postgres = "PostgreSQL".equals(batch.execute((ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductName()));
    }

    @Override
    public void insert(StoredHold hold) {
        insertAll(List.of(hold));
    }

    /** Three JDBC batches for any number of holds (four on H2): the holds, their seats, and the seats' fencing tokens. */
    @Override
    public void insertAll(List<StoredHold> holds) {
        batch.batchUpdate("""
                INSERT INTO holds (id, event_id, user_id, fence, status, created_at, expires_at, max_expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, holds.stream().map(hold -> new Object[] {hold.holdId(), hold.eventId(), hold.userId(), hold.fence(),
                hold.status(), Timestamps.utc(hold.createdAt()), Timestamps.utc(hold.expiresAt()),
                Timestamps.utc(hold.maxExpiresAt())}).toList());
        List<Object[]> seats = new ArrayList<>();
        List<long[]> fences = new ArrayList<>();
        for (StoredHold hold : holds) {
            for (long id : hold.seatIds()) {
                seats.add(new Object[] {hold.holdId(), hold.eventId(), id});
                fences.add(new long[] {hold.eventId(), id, hold.fence()});
            }
        }
        batch.batchUpdate("INSERT INTO hold_seats (hold_id, event_id, seat_id) VALUES (?, ?, ?)", seats);
        // in seat order, so that two writers' batches touching one seat wait for each other rather than deadlock
        fences.sort(Comparator.<long[]>comparingLong(f -> f[0]).thenComparingLong(f -> f[1]));
        // The fence only ever grows. Not one MERGE: two MERGEs racing for a seat without a row both insert, and one fails
        // on the key (PostgreSQL and H2 alike; a Redis failover brings such holds together).
        if (postgres) {
            batch.batchUpdate("""
                    INSERT INTO seat_fences (event_id, seat_id, fence) VALUES (?, ?, ?)
                    ON CONFLICT (event_id, seat_id) DO UPDATE SET fence = EXCLUDED.fence WHERE seat_fences.fence < EXCLUDED.fence
                    """, fences.stream().map(f -> new Object[] {f[0], f[1], f[2]}).toList());
            return;
        }
        batch.batchUpdate("INSERT INTO seat_fences (event_id, seat_id, fence) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                fences.stream().map(f -> new Object[] {f[0], f[1], f[2]}).toList());
        batch.batchUpdate("UPDATE seat_fences SET fence = ? WHERE event_id = ? AND seat_id = ? AND fence < ?",
                fences.stream().map(f -> new Object[] {f[2], f[0], f[1], f[2]}).toList());
    }

    /** The hold and its seats in one statement: checkout reads it on every purchase. */
    @Override
    public Optional<StoredHold> find(String holdId) {
        List<Long> seats = new ArrayList<>();
        StoredHold[] hold = new StoredHold[1];
        jdbc.sql("""
                SELECT h.id, h.event_id, h.user_id, h.fence, h.status, h.created_at, h.expires_at, h.max_expires_at, hs.seat_id
                FROM holds h LEFT JOIN hold_seats hs ON hs.hold_id = h.id
                WHERE h.id = :id ORDER BY hs.seat_id
                """).param("id", holdId).query(rs -> {
            if (hold[0] == null) {
                hold[0] = new StoredHold(rs.getString("id"), rs.getLong("event_id"), rs.getString("user_id"), rs.getLong("fence"),
                        rs.getString("status"), seats, Timestamps.instant(rs, "created_at"), Timestamps.instant(rs, "expires_at"),
                        Timestamps.instant(rs, "max_expires_at"));
            }
            long seat = rs.getLong("seat_id");
            if (!rs.wasNull()) {
                seats.add(seat);
            }
        });
        return Optional.ofNullable(hold[0]);
    }

    @Override
    public void updateExpiry(String holdId, Instant expiresAt) {
        // expiry only moves forward, whatever order concurrent extensions arrive in
        jdbc.sql("UPDATE holds SET expires_at = :expires WHERE id = :id AND status = 'ACTIVE' AND expires_at < :expires")
                .param("expires", Timestamps.utc(expiresAt)).param("id", holdId).update();
    }

    @Override
    public boolean markReleased(String holdId) {
        return setStatus(holdId, ACTIVE, "RELEASED");
    }

    @Override
    public void markExpired(Collection<String> holdIds) {
        if (!holdIds.isEmpty()) {
            jdbc.sql("UPDATE holds SET status = 'EXPIRED' WHERE status = 'ACTIVE' AND id IN (:ids)")
                    .param("ids", holdIds).update();
        }
    }

    @Override
    public Set<String> soldAmong(Collection<String> holdIds) {
        if (holdIds.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.sql("SELECT id FROM holds WHERE status = 'SOLD' AND id IN (:ids)")
                .param("ids", holdIds).query(String.class).list());
    }

    /** One statement: the hold is active, unexpired, and its fencing token is still the newest on each of its seats. */
    @Override
    public boolean confirmSold(String holdId, long fence, Instant now) {
        return jdbc.sql("""
                UPDATE holds SET status = 'SOLD'
                WHERE id = :id AND fence = :fence AND status = 'ACTIVE' AND expires_at > :now
                  AND NOT EXISTS (SELECT 1 FROM hold_seats hs
                                  JOIN seat_fences f ON f.event_id = hs.event_id AND f.seat_id = hs.seat_id
                                  WHERE hs.hold_id = :id AND f.fence <> :fence)
                """).param("id", holdId).param("fence", fence).param("now", Timestamps.utc(now)).update() == 1;
    }

    @Override
    public void markReturned(String holdId) {
        setStatus(holdId, SOLD, "RETURNED");
    }

    private boolean setStatus(String holdId, String from, String to) {
        return jdbc.sql("UPDATE holds SET status = :to WHERE id = :id AND status = :from")
                .param("to", to).param("id", holdId).param("from", from).update() == 1;
    }

    @Override
    public long maxFence(long eventId) {
        Long max = jdbc.sql("SELECT MAX(fence) FROM holds WHERE event_id = :event").param("event", eventId)
                .query(Long.class).optional().orElse(null);
        return max == null ? 0 : max;
    }

    @Override
    public Set<String> holdersBetween(long eventId, Instant from, Instant to) {
        return Set.copyOf(jdbc.sql("SELECT DISTINCT user_id FROM holds WHERE event_id = :event AND created_at >= :from AND created_at < :to")
                .param("event", eventId).param("from", Timestamps.utc(from)).param("to", Timestamps.utc(to)).query(String.class).list());
    }

    @Override
    public EventRecord load(long eventId, Instant now) {
        List<Long> blocked = jdbc.sql("SELECT seat_id FROM blocked_seats WHERE event_id = :event")
                .param("event", eventId).query(Long.class).list();
        Map<String, StoredHold> active = new LinkedHashMap<>();
        Map<String, List<Long>> activeSeats = new HashMap<>();
        Map<Long, String> sold = new HashMap<>();
        jdbc.sql("""
                SELECT h.id, h.user_id, h.fence, h.status, h.created_at, h.expires_at, h.max_expires_at, hs.seat_id
                FROM holds h JOIN hold_seats hs ON hs.hold_id = h.id
                WHERE h.event_id = :event AND (h.status = 'SOLD' OR (h.status = 'ACTIVE' AND h.expires_at > :now))
                """).param("event", eventId).param("now", Timestamps.utc(now)).query(rs -> {
            String id = rs.getString("id");
            if (SOLD.equals(rs.getString("status"))) {
                sold.put(rs.getLong("seat_id"), rs.getString("user_id"));
                return;
            }
            activeSeats.computeIfAbsent(id, k -> new ArrayList<>()).add(rs.getLong("seat_id"));
            if (!active.containsKey(id)) {
                active.put(id, new StoredHold(id, eventId, rs.getString("user_id"), rs.getLong("fence"), ACTIVE, List.of(),
                        Timestamps.instant(rs, "created_at"), Timestamps.instant(rs, "expires_at"),
                        Timestamps.instant(rs, "max_expires_at")));
            }
        });
        List<StoredHold> holds = active.values().stream()
                .map(h -> new StoredHold(h.holdId(), eventId, h.userId(), h.fence(), ACTIVE, activeSeats.get(h.holdId()),
                        h.createdAt(), h.expiresAt(), h.maxExpiresAt()))
                .toList();
        return new EventRecord(blocked, holds, sold);
    }

    @Override
    public void block(long eventId, Collection<Long> seatIds) {
        batch.batchUpdate("""
                MERGE INTO blocked_seats b USING (SELECT CAST(? AS BIGINT) AS event_id, CAST(? AS BIGINT) AS seat_id) s
                ON b.event_id = s.event_id AND b.seat_id = s.seat_id
                WHEN NOT MATCHED THEN INSERT (event_id, seat_id) VALUES (s.event_id, s.seat_id)
                """, seatIds.stream().map(id -> new Object[] {eventId, id}).toList());
    }

    @Override
    public void unblock(long eventId, Collection<Long> seatIds) {
        if (!seatIds.isEmpty()) {
            jdbc.sql("DELETE FROM blocked_seats WHERE event_id = :event AND seat_id IN (:ids)")
                    .param("event", eventId).param("ids", seatIds).update();
        }
    }
}
