package org.boxoffice.catalog;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.boxoffice.catalog.internal.EventRules;
import org.boxoffice.catalog.internal.JdbcEvents;
import org.boxoffice.catalog.internal.JdbcVenues;
import org.boxoffice.infrastructure.OneLoadAtATime;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The catalog's public face: organizer commands and the read side other modules use. */
@Service
public class CatalogService {
    private final JdbcVenues venues;
    private final JdbcEvents events;
    private final Clock clock;
    private final Map<Long, SeatingPlan> plans = new ConcurrentHashMap<>();
    private final Map<Long, Event> eventsById = new ConcurrentHashMap<>();
    private final OneLoadAtATime<Long, SeatingPlan> planLoads = new OneLoadAtATime<>();

    CatalogService(JdbcVenues venues, JdbcEvents events, Clock clock) {
        this.venues = venues;
        this.events = events;
        this.clock = clock;
    }

    public record EventPage(List<Event> items, int page, int size, long total) {
    }

    @Transactional
    public VenueCreated createVenue(VenueLayout layout) {
        EventRules.checkVenue(layout);
        return venues.create(layout, clock.instant());
    }

    @Transactional
    public long createEvent(NewEvent event, String organizerId) {
        List<String> sections = venues.sections(event.venueId())
                .orElseThrow(() -> new CatalogRefusal.UnknownVenue(event.venueId()).refused());
        EventRules.checkEvent(event, sections);
        return events.create(event, organizerId, clock.instant());
    }

    /**
     * An event, read from the database once: events do not change after creation (an edit would have to drop it here).
     * Before its on-sale every page view and waiting-room poll of an event asked for it, a query each.
     */
    public Optional<Event> event(long eventId) {
        Event cached = eventsById.get(eventId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Event> found = events.find(eventId);
        found.ifPresent(event -> eventsById.put(eventId, event));
        return found;
    }

    public Event requireEvent(long eventId) {
        return event(eventId).orElseThrow(() -> new CatalogRefusal.EventNotFound(eventId).refused());
    }

    /** An event the caller organizes (admins organize all); 404 for anyone else, who need not know it exists. */
    public Event requireOwnEvent(long eventId, String callerId, boolean admin) {
        return event(eventId).filter(e -> admin || e.organizerId().equals(callerId))
                .orElseThrow(() -> new CatalogRefusal.EventNotFound(eventId).refused());
    }

    /** The events the caller organizes (an admin: all events), soonest first, at most {@code limit}. */
    public List<Event> eventsOrganizedBy(String callerId, boolean admin, int limit) {
        return events.organizedBy(admin ? null : callerId, limit);
    }

    /** The newest venues with their sections, for organizers choosing where an event takes place. */
    public List<VenueSummary> venues(int limit) {
        return venues.newest(limit);
    }

    /** Events whose waiting room is open now: from the pre-queue's start until the event starts. */
    public List<Event> eventsWithOpenWaitingRoom() {
        return events.withWaitingRoomOpen(clock.instant());
    }

    public EventPage events(int page, int size) {
        return new EventPage(events.page(page, size), page, size, events.count());
    }

    /**
     * The seating plan of an event; cached because neither the venue nor the categories change after creation.
     * When an on-sale opens, thousands of requests miss the cache at once: one of them loads, the others wait.
     */
    public SeatingPlan plan(long eventId) {
        SeatingPlan plan = plans.get(eventId);
        if (plan != null) {
            return plan;
        }
        return planLoads.load(eventId, () -> {
            Event event = requireEvent(eventId);
            SeatingPlan loaded = new SeatingPlan(event, venues.seats(event));
            plans.put(eventId, loaded);
            return loaded;
        });
    }
}
