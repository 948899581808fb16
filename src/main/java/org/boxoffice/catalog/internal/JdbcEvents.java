package org.boxoffice.catalog.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.boxoffice.catalog.BuyerLimits;
import org.boxoffice.catalog.Category;
import org.boxoffice.catalog.Event;
import org.boxoffice.catalog.NewEvent;
import org.boxoffice.catalog.WaitingRoomSettings;
import org.boxoffice.shared.Money;
import org.boxoffice.shared.Timestamps;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Events and their price categories. */
@Repository
public class JdbcEvents {
    public static final int DEFAULT_HOLD_SECONDS = 600;
    public static final int DEFAULT_MAX_SEATS_PER_ORDER = 8;

    private static final String SELECT = """
            SELECT e.id, e.name, e.description, e.venue_id, v.name AS venue_name, e.starts_at, e.on_sale_at,
                   e.hold_seconds, e.max_seats_per_order, e.currency, e.cancelled, e.wr_enabled, e.wr_admit_per_minute,
                   e.wr_max_active_users, e.wr_prequeue_minutes, e.wr_pow_max_number, e.created_by,
                   e.require_verified_email, e.seats_per_address_per_hour, e.seats_per_card, e.holds_per_buyer_per_hour,
                   e.static_ticket_codes
            FROM events e JOIN venues v ON v.id = e.venue_id
            """;

    private final JdbcClient jdbc;
    private final int defaultHoldsPerBuyerPerHour;

    JdbcEvents(JdbcClient jdbc, CatalogSettings settings) {
        this.jdbc = jdbc;
        this.defaultHoldsPerBuyerPerHour = settings.limits().holdsPerBuyerPerHour();
    }

    public long create(NewEvent event, String organizerId, Instant now) {
        WaitingRoomSettings room = event.waitingRoom() != null ? event.waitingRoom() : WaitingRoomSettings.DISABLED;
        BuyerLimits limits = event.buyerLimits() != null ? event.buyerLimits() : BuyerLimits.NONE;
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO events (venue_id, name, description, starts_at, on_sale_at, hold_seconds, max_seats_per_order,
                                    currency, wr_enabled, wr_admit_per_minute, wr_max_active_users, wr_prequeue_minutes,
                                    wr_pow_max_number, created_by, created_at, require_verified_email,
                                    seats_per_address_per_hour, seats_per_card, holds_per_buyer_per_hour, static_ticket_codes)
                VALUES (:venue, :name, :description, :startsAt, :onSaleAt, :holdSeconds, :maxSeats, :currency, :wrEnabled,
                        :wrAdmit, :wrActive, :wrPrequeue, :wrPow, :createdBy, :now, :verified, :perAddress, :perCard, :holds,
                        :staticCodes)
                """)
                .param("venue", event.venueId()).param("name", event.name().strip())
                .param("description", event.description() == null ? "" : event.description())
                .param("startsAt", Timestamps.utc(event.startsAt())).param("onSaleAt", Timestamps.utc(event.onSaleAt()))
                .param("holdSeconds", event.holdSeconds() != null ? event.holdSeconds() : DEFAULT_HOLD_SECONDS)
                .param("maxSeats", event.maxSeatsPerOrder() != null ? event.maxSeatsPerOrder() : DEFAULT_MAX_SEATS_PER_ORDER)
                .param("currency", event.categories().getFirst().price().currency())
                .param("wrEnabled", room.enabled()).param("wrAdmit", room.admitPerMinute())
                .param("wrActive", room.maxActiveUsers()).param("wrPrequeue", room.prequeueMinutes())
                .param("wrPow", room.proofOfWorkMaxNumber())
                .param("createdBy", organizerId).param("now", Timestamps.utc(now))
                .param("verified", limits.requireVerifiedEmail()).param("perAddress", limits.seatsPerAddressPerHour())
                .param("perCard", limits.seatsPerCard()).param("holds", limits.holdsPerBuyerPerHour())
                .param("staticCodes", !Boolean.FALSE.equals(event.staticTicketCodes()))
                .update(key, "id");
        long eventId = key.getKey().longValue();
        int position = 0;
        for (NewEvent.NewCategory category : event.categories()) {
            GeneratedKeyHolder categoryKey = new GeneratedKeyHolder();
            jdbc.sql("INSERT INTO categories (event_id, position, name, price) VALUES (:event, :position, :name, :price)")
                    .param("event", eventId).param("position", position++).param("name", category.name().strip())
                    .param("price", category.price().amount())
                    .update(categoryKey, "id");
            long categoryId = categoryKey.getKey().longValue();
            for (String section : category.sections()) {
                jdbc.sql("INSERT INTO category_sections (category_id, section) VALUES (:category, :section)")
                        .param("category", categoryId).param("section", section).update();
            }
        }
        return eventId;
    }

    public Optional<Event> find(long eventId) {
        return withCategories(jdbc.sql(SELECT + " WHERE e.id = :id").param("id", eventId).query(this::map).list()).stream().findFirst();
    }

    public List<Event> page(int page, int size) {
        return withCategories(jdbc.sql(SELECT + " ORDER BY e.starts_at, e.id LIMIT :limit OFFSET :offset")
                .param("limit", size).param("offset", (long) page * size).query(this::map).list());
    }

    /** The events an organizer created, soonest first; every event when {@code organizerId} is null (an admin). */
    public List<Event> organizedBy(@Nullable String organizerId, int limit) {
        return withCategories(jdbc.sql(SELECT + """
                 WHERE (CAST(:organizer AS VARCHAR(255)) IS NULL OR e.created_by = :organizer)
                 ORDER BY e.starts_at, e.id LIMIT :limit
                """).param("organizer", organizerId).param("limit", limit).query(this::map).list());
    }

    /**
     * Categories are read after the events' result set is closed: a query inside a row mapper would hold two
     * pooled connections at once, and enough concurrent readers would then starve the pool.
     */
    private List<Event> withCategories(List<Event> events) {
        return events.stream().map(e -> e.withCategories(categories(e.id(), e.currency()))).toList();
    }

    public List<Event> withWaitingRoomOpen(Instant now) {
        // the pre-queue start is on_sale_at minus wr_prequeue_minutes; computed here, portable across databases
        return withCategories(jdbc.sql(SELECT + " WHERE e.wr_enabled AND NOT e.cancelled AND e.starts_at > :now ORDER BY e.id")
                .param("now", Timestamps.utc(now)).query(this::map).list()).stream()
                .filter(e -> e.waitingRoomOpen(now))
                .toList();
    }

    /** The event's own cap on holds per buyer and hour, or the service's default. */
    private Integer holdsPerBuyer(ResultSet rs) throws SQLException {
        Integer own = rs.getObject("holds_per_buyer_per_hour", Integer.class);
        return own != null ? own : defaultHoldsPerBuyerPerHour;
    }

    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM events").query(Long.class).single();
    }

    private Event map(ResultSet rs, int row) throws SQLException {
        return new Event(rs.getLong("id"), rs.getString("name"), rs.getString("description"), rs.getLong("venue_id"),
                rs.getString("venue_name"), Timestamps.instant(rs, "starts_at"), Timestamps.instant(rs, "on_sale_at"),
                rs.getInt("hold_seconds"), rs.getInt("max_seats_per_order"), rs.getString("currency"), rs.getBoolean("cancelled"),
                List.of(),
                new WaitingRoomSettings(rs.getBoolean("wr_enabled"), rs.getInt("wr_admit_per_minute"),
                        rs.getInt("wr_max_active_users"), rs.getInt("wr_prequeue_minutes"), rs.getLong("wr_pow_max_number")),
                rs.getString("created_by"),
                new BuyerLimits(rs.getBoolean("require_verified_email"), rs.getObject("seats_per_address_per_hour", Integer.class),
                        rs.getObject("seats_per_card", Integer.class), holdsPerBuyer(rs)),
                rs.getBoolean("static_ticket_codes"));
    }

    private List<Category> categories(long eventId, String currency) {
        Map<Long, String> names = new LinkedHashMap<>();
        Map<Long, Money> prices = new LinkedHashMap<>();
        Map<Long, List<String>> sections = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT c.id, c.name, c.price, s.section FROM categories c
                LEFT JOIN category_sections s ON s.category_id = c.id
                WHERE c.event_id = :event ORDER BY c.position, s.section
                """).param("event", eventId).query(rs -> {
            long id = rs.getLong("id");
            names.put(id, rs.getString("name"));
            prices.put(id, new Money(rs.getBigDecimal("price"), currency));
            List<String> list = sections.computeIfAbsent(id, k -> new ArrayList<>());
            if (rs.getString("section") != null) {
                list.add(rs.getString("section"));
            }
        });
        List<Category> result = new ArrayList<>();
        names.forEach((id, name) -> result.add(new Category(id, name, prices.get(id), List.copyOf(sections.get(id)))));
        return List.copyOf(result);
    }
}
