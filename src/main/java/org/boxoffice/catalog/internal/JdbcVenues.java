package org.boxoffice.catalog.internal;

import org.boxoffice.catalog.VenueCreated;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.boxoffice.catalog.Category;
import org.boxoffice.catalog.Event;
import org.boxoffice.catalog.Seat;
import org.boxoffice.catalog.VenueLayout;
import org.boxoffice.catalog.VenueSummary;
import org.boxoffice.shared.Timestamps;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Venues and their seats. Coordinates are laid out here: sections side by side, rows front to back. */
@Repository
public class JdbcVenues {
    static final int SEAT_PITCH = 10;
    static final int ROW_PITCH = 12;
    static final int SECTION_GAP = 40;

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    JdbcVenues(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    public VenueCreated create(VenueLayout layout, Instant now) {
        int seatCount = layout.sections().stream().flatMap(s -> s.rows().stream()).mapToInt(VenueLayout.Row::seats).sum();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO venues (name, seat_count, created_at) VALUES (:name, :count, :now)")
                .param("name", layout.name()).param("count", seatCount).param("now", Timestamps.utc(now))
                .update(key, "id");
        long venueId = key.getKey().longValue();
        List<Object[]> rows = new ArrayList<>(seatCount);
        int position = 0;
        int rowIndex = 0;
        int sectionX = 0;
        for (VenueLayout.Section section : layout.sections()) {
            int widest = section.rows().stream().mapToInt(VenueLayout.Row::seats).max().orElse(0);
            int rowInSection = 0;
            for (VenueLayout.Row row : section.rows()) {
                int indent = (widest - row.seats()) * SEAT_PITCH / 2;
                for (int number = 1; number <= row.seats(); number++) {
                    rows.add(new Object[] {venueId, position++, section.name(), row.label(), rowIndex, number,
                            section.name() + " Row " + row.label() + " Seat " + number,
                            sectionX + indent + (number - 1) * SEAT_PITCH, rowInSection * ROW_PITCH});
                }
                rowIndex++;
                rowInSection++;
            }
            sectionX += widest * SEAT_PITCH + SECTION_GAP;
        }
        batch.batchUpdate("""
                INSERT INTO seats (venue_id, position, section, row_label, row_index, number, label, x, y)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, rows);
        return new VenueCreated(venueId, seatCount);
    }

    public Optional<List<String>> sections(long venueId) {
        boolean exists = jdbc.sql("SELECT COUNT(*) FROM venues WHERE id = :id").param("id", venueId)
                .query(Integer.class).single() > 0;
        if (!exists) {
            return Optional.empty();
        }
        return Optional.of(jdbc.sql("SELECT DISTINCT section FROM seats WHERE venue_id = :id")
                .param("id", venueId).query(String.class).list());
    }

    /** The newest venues, at most {@code limit}, each with its sections in layout order. */
    public List<VenueSummary> newest(int limit) {
        record Venue(long id, String name, int seatCount) {
        }
        List<Venue> venues = jdbc.sql("SELECT id, name, seat_count FROM venues ORDER BY id DESC LIMIT :limit")
                .param("limit", limit).query((rs, n) -> new Venue(rs.getLong("id"), rs.getString("name"), rs.getInt("seat_count")))
                .list();
        if (venues.isEmpty()) {
            return List.of();
        }
        Map<Long, List<VenueSummary.Section>> sections = new HashMap<>();
        jdbc.sql("""
                SELECT venue_id, section, COUNT(DISTINCT row_index) AS row_count, COUNT(*) AS seat_count, MIN(position) AS first
                FROM seats WHERE venue_id >= :oldest GROUP BY venue_id, section ORDER BY venue_id, first
                """).param("oldest", venues.getLast().id()).query(rs -> {
                    sections.computeIfAbsent(rs.getLong("venue_id"), id -> new ArrayList<>()).add(
                            new VenueSummary.Section(rs.getString("section"), rs.getInt("row_count"), rs.getInt("seat_count")));
                });
        return venues.stream().map(v -> new VenueSummary(v.id(), v.name(), v.seatCount(), sections.getOrDefault(v.id(), List.of())))
                .toList();
    }

    public List<Seat> seats(Event event) {
        Map<String, Long> categoryOfSection = new HashMap<>();
        for (Category category : event.categories()) {
            category.sections().forEach(section -> categoryOfSection.put(section, category.id()));
        }
        return jdbc.sql("""
                SELECT id, section, row_label, row_index, number, label, x, y
                FROM seats WHERE venue_id = :venue ORDER BY position
                """)
                .param("venue", event.venueId())
                .query((rs, n) -> new Seat(rs.getLong("id"), rs.getString("section"), rs.getString("row_label"),
                        rs.getInt("row_index"), rs.getInt("number"), rs.getString("label"), rs.getInt("x"), rs.getInt("y"),
                        categoryOfSection.get(rs.getString("section"))))
                .list();
    }
}
