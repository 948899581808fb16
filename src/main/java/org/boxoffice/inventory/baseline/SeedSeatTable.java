package org.boxoffice.inventory.baseline;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.boxoffice.inventory.LiveHold;
import org.boxoffice.inventory.SeatStatus;
import org.boxoffice.inventory.internal.RecordedSeats;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The seed design's seat table: one row per seat, the status and the hold on it, in plain SQL. */
final class SeedSeatTable {
    static final int AVAILABLE = SeatStatus.AVAILABLE.code();
    static final int HELD = SeatStatus.HELD.code();
    static final int SOLD = SeatStatus.SOLD.code();
    static final int BLOCKED = SeatStatus.BLOCKED.code();

    private static final String SELECT_SEATS = """
            SELECT seat_index, status, hold_id, user_id, fence, held_at, expires_at, max_expires_at, version
            FROM seed_seats WHERE event_id = :event AND seat_index IN (:seats) ORDER BY seat_index""";
    private static final String SELECT_SEATS_FOR_UPDATE = """
            SELECT seat_index, status, hold_id, user_id, fence, held_at, expires_at, max_expires_at, version
            FROM seed_seats WHERE event_id = :event AND seat_index IN (:seats) ORDER BY seat_index FOR UPDATE""";

    /** A seat row as read; {@code free} tells whether it can be taken at the time asked. */
    record Row(int index, int status, String holdId, String userId, long fence, long heldAt, long expiresAt,
               long maxExpiresAt, long version) {
        boolean free(Instant now) {
            return status == AVAILABLE || (status == HELD && expiresAt <= now.toEpochMilli());
        }

        int statusAt(Instant now) {
            return status == HELD && expiresAt <= now.toEpochMilli() ? AVAILABLE : status;
        }
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    SeedSeatTable(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    boolean hasSeats(long eventId) {
        return jdbc.sql("SELECT count(*) FROM seed_seats WHERE event_id = :event").param("event", eventId)
                .query(Long.class).single() > 0;
    }

    long maxFence(long eventId) {
        return jdbc.sql("SELECT coalesce(max(fence), 0) FROM seed_seats WHERE event_id = :event").param("event", eventId)
                .query(Long.class).single();
    }

    /** Writes the seats of an event as the durable record has them. */
    void insert(long eventId, RecordedSeats recorded) {
        LiveHold[] holdOf = new LiveHold[recorded.statuses().length];
        recorded.holds().forEach(hold -> IntStream.of(hold.positions()).forEach(p -> holdOf[p] = hold));
        List<Object[]> rows = new ArrayList<>();
        for (int p = 0; p < holdOf.length; p++) {
            LiveHold hold = holdOf[p];
            rows.add(new Object[] {eventId, p, recorded.statuses()[p], hold == null ? null : hold.holdId(),
                    hold != null ? hold.userId() : recorded.soldTo().get(p), hold == null ? 0 : hold.fence(),
                    hold == null ? null : hold.createdAt().toEpochMilli(), hold == null ? null : hold.expiresAt().toEpochMilli(),
                    hold == null ? null : hold.maxExpiresAt().toEpochMilli()});
        }
        batch.batchUpdate("""
                INSERT INTO seed_seats (event_id, seat_index, status, hold_id, user_id, fence, held_at, expires_at, max_expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
    }

    void delete(long eventId) {
        jdbc.sql("DELETE FROM seed_seats WHERE event_id = :event").param("event", eventId).update();
    }

    List<Row> rows(long eventId, int[] positions, boolean forUpdate) {
        return jdbc.sql(forUpdate ? SELECT_SEATS_FOR_UPDATE : SELECT_SEATS).param("event", eventId)
                .param("seats", boxed(positions)).query(SeedSeatTable::row).list();
    }

    /** Seats of the event the user holds (unexpired) or bought: what counts against the buyer's limit. */
    int takenBy(long eventId, String userId, Instant now) {
        return jdbc.sql("""
                        SELECT count(*) FROM seed_seats WHERE event_id = :event AND user_id = :user
                        AND (status = 2 OR (status = 1 AND expires_at > :now))""")
                .param("event", eventId).param("user", userId).param("now", now.toEpochMilli()).query(Integer.class).single();
    }

    /** Puts the hold on those of its seats that are free at {@code now}; returns how many that were. */
    int hold(LiveHold hold, Instant now) {
        return jdbc.sql("""
                        UPDATE seed_seats SET status = 1, hold_id = :hold, user_id = :user, fence = :fence, held_at = :heldAt,
                        expires_at = :expiresAt, max_expires_at = :maxExpiresAt, version = version + 1
                        WHERE event_id = :event AND seat_index IN (:seats)
                        AND (status = 0 OR (status = 1 AND expires_at <= :now))""")
                .params(holdParams(hold)).param("seats", boxed(hold.positions())).param("now", now.toEpochMilli()).update();
    }

    /** Puts the hold on one seat only if nobody changed the seat since it was read at {@code version}. */
    boolean holdIfUnchanged(LiveHold hold, int position, long version) {
        return jdbc.sql("""
                        UPDATE seed_seats SET status = 1, hold_id = :hold, user_id = :user, fence = :fence, held_at = :heldAt,
                        expires_at = :expiresAt, max_expires_at = :maxExpiresAt, version = version + 1
                        WHERE event_id = :event AND seat_index = :seat AND version = :version""")
                .params(holdParams(hold)).param("seat", position).param("version", version).update() == 1;
    }

    List<Row> liveHold(String holdId, Instant now) {
        return jdbc.sql("""
                        SELECT seat_index, status, hold_id, user_id, fence, held_at, expires_at, max_expires_at, version
                        FROM seed_seats WHERE hold_id = :hold AND status = 1 AND expires_at > :now ORDER BY seat_index""")
                .param("hold", holdId).param("now", now.toEpochMilli()).query(SeedSeatTable::row).list();
    }

    boolean extend(String holdId, Instant newExpiresAt, Instant now) {
        return jdbc.sql("""
                        UPDATE seed_seats SET expires_at = :expiresAt, version = version + 1
                        WHERE hold_id = :hold AND status = 1 AND expires_at > :now AND expires_at < :expiresAt""")
                .param("hold", holdId).param("expiresAt", newExpiresAt.toEpochMilli()).param("now", now.toEpochMilli()).update() > 0;
    }

    boolean release(String holdId, Instant now) {
        return jdbc.sql("""
                        UPDATE seed_seats SET status = 0, hold_id = NULL, user_id = NULL, version = version + 1
                        WHERE hold_id = :hold AND status = 1 AND expires_at > :now""")
                .param("hold", holdId).param("now", now.toEpochMilli()).update() > 0;
    }

    void markSold(LiveHold hold) {
        jdbc.sql("""
                        UPDATE seed_seats SET status = 2, hold_id = :hold, user_id = :user, version = version + 1
                        WHERE event_id = :event AND seat_index IN (:seats)""")
                .param("hold", hold.holdId()).param("user", hold.userId()).param("event", hold.eventId())
                .param("seats", boxed(hold.positions())).update();
    }

    void returnSold(long eventId, String userId, int[] positions) {
        jdbc.sql("""
                        UPDATE seed_seats SET status = 0, hold_id = NULL, user_id = NULL, version = version + 1
                        WHERE event_id = :event AND seat_index IN (:seats) AND status = 2 AND user_id = :user""")
                .param("event", eventId).param("seats", boxed(positions)).param("user", userId).update();
    }

    void block(long eventId, Collection<Integer> positions) {
        jdbc.sql("""
                        UPDATE seed_seats SET status = 3, hold_id = NULL, user_id = NULL, version = version + 1
                        WHERE event_id = :event AND seat_index IN (:seats)""")
                .param("event", eventId).param("seats", positions).update();
    }

    void unblock(long eventId, Collection<Integer> positions) {
        jdbc.sql("UPDATE seed_seats SET status = 0, version = version + 1 WHERE event_id = :event AND seat_index IN (:seats) AND status = 3")
                .param("event", eventId).param("seats", positions).update();
    }

    /** Seat status codes in plan order, an expired hold counting as available. */
    byte[] statuses(long eventId, int size, Instant now) {
        byte[] statuses = new byte[size];
        jdbc.sql("SELECT seat_index, status, expires_at FROM seed_seats WHERE event_id = :event").param("event", eventId)
                .query(rs -> {
                    int status = rs.getInt(2);
                    boolean expired = status == HELD && rs.getLong(3) <= now.toEpochMilli();
                    statuses[rs.getInt(1)] = (byte) (expired ? AVAILABLE : status);
                });
        return statuses;
    }

    /** The holds whose expiry has come, locked until the surrounding transaction ends. */
    Map<Long, List<Row>> expiredForUpdate(Instant now) {
        Map<Long, List<Row>> byEvent = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT event_id, seat_index, status, hold_id, user_id, fence, held_at, expires_at, max_expires_at, version
                        FROM seed_seats WHERE status = 1 AND expires_at <= :now ORDER BY event_id, seat_index FOR UPDATE""")
                .param("now", now.toEpochMilli())
                .query(rs -> {
                    byEvent.computeIfAbsent(rs.getLong("event_id"), id -> new ArrayList<>()).add(row(rs, 0));
                });
        return byEvent;
    }

    void free(long eventId, Collection<Integer> positions) {
        jdbc.sql("""
                        UPDATE seed_seats SET status = 0, hold_id = NULL, user_id = NULL, version = version + 1
                        WHERE event_id = :event AND seat_index IN (:seats)""")
                .param("event", eventId).param("seats", positions).update();
    }

    private static Map<String, Object> holdParams(LiveHold hold) {
        return Map.of("hold", hold.holdId(), "user", hold.userId(), "fence", hold.fence(), "heldAt", hold.createdAt().toEpochMilli(),
                "expiresAt", hold.expiresAt().toEpochMilli(), "maxExpiresAt", hold.maxExpiresAt().toEpochMilli(), "event", hold.eventId());
    }

    private static Row row(ResultSet rs, int rowNum) throws SQLException {
        return new Row(rs.getInt("seat_index"), rs.getInt("status"), rs.getString("hold_id"), rs.getString("user_id"),
                rs.getLong("fence"), rs.getLong("held_at"), rs.getLong("expires_at"), rs.getLong("max_expires_at"), rs.getLong("version"));
    }

    static List<Integer> boxed(int[] positions) {
        return IntStream.of(positions).boxed().toList();
    }
}
