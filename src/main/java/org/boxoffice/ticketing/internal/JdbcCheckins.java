package org.boxoffice.ticketing.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.boxoffice.shared.Timestamps;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Check-ins, one row per ticket let in: the primary key lets exactly one of two racing scans insert it. */
@Repository
public class JdbcCheckins {
    private final JdbcClient jdbc;

    JdbcCheckins(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the check-in; throws {@code DuplicateKeyException} when the ticket was checked in before. */
    public void insert(String ticketId, long eventId, Instant at, String scannerId) {
        jdbc.sql("INSERT INTO checkins (ticket_id, event_id, checked_in_at, scanner_id) VALUES (:ticket, :event, :at, :scanner)")
                .param("ticket", ticketId).param("event", eventId).param("at", Timestamps.utc(at)).param("scanner", scannerId)
                .update();
    }

    public Optional<Instant> checkedInAt(String ticketId) {
        return jdbc.sql("SELECT checked_in_at FROM checkins WHERE ticket_id = :ticket").param("ticket", ticketId)
                .query((rs, n) -> Timestamps.instant(rs, "checked_in_at")).optional();
    }

    public Map<String, Instant> ofEvent(long eventId) {
        Map<String, Instant> checkedIn = new HashMap<>();
        jdbc.sql("SELECT ticket_id, checked_in_at FROM checkins WHERE event_id = :event").param("event", eventId)
                .query(rs -> {
                    checkedIn.put(rs.getString("ticket_id"), Timestamps.instant(rs, "checked_in_at"));
                });
        return checkedIn;
    }

    public boolean anyOf(List<String> ticketIds) {
        return !ticketIds.isEmpty() && jdbc.sql("SELECT COUNT(*) FROM checkins WHERE ticket_id IN (:tickets)")
                .param("tickets", ticketIds).query(Integer.class).single() > 0;
    }

    public int count(long eventId) {
        return jdbc.sql("SELECT COUNT(*) FROM checkins WHERE event_id = :event").param("event", eventId)
                .query(Integer.class).single();
    }
}
