package org.boxoffice.ordering.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.boxoffice.catalog.CatalogService;
import org.boxoffice.catalog.Event;
import org.boxoffice.infrastructure.web.Callers;
import org.boxoffice.inventory.LiveSeats;
import org.boxoffice.inventory.SeatCounts;
import org.boxoffice.ordering.OrderService;
import org.boxoffice.ordering.SalesInMinute;
import org.boxoffice.shared.Ids;
import org.boxoffice.shared.Money;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Organizers watch their on-sales: seat counts from the live inventory, revenue and sales per minute from confirmed orders. */
@RestController
class SalesController {
    /** The dashboard's chart shows the last hour. */
    static final Duration CHART_SPAN = Duration.ofMinutes(60);
    private static final int MAX_EVENTS_LISTED = 200;

    private final CatalogService catalog;
    private final LiveSeats inventory;
    private final OrderService orders;
    private final Clock clock;

    SalesController(CatalogService catalog, LiveSeats inventory, OrderService orders, Clock clock) {
        this.catalog = catalog;
        this.inventory = inventory;
        this.orders = orders;
        this.clock = clock;
    }

    record Sales(String eventId, int available, int held, int sold, int blocked, Money revenue, List<SalesInMinute> perMinute) {
    }

    record OwnEvent(String id, String name, String venueName, Instant startsAt, Instant onSaleAt, boolean waitingRoom,
                    int available, int held, int sold, int blocked) {
    }

    record OwnEvents(List<OwnEvent> items) {
    }

    @GetMapping(path = "/api/v1/admin/events/{eventId}/sales", produces = "application/json")
    Sales sales(@PathVariable String eventId, @AuthenticationPrincipal Jwt caller) {
        Event event = catalog.requireOwnEvent(Ids.require(eventId, "Event " + eventId), caller.getSubject(), Callers.isAdmin(caller));
        SeatCounts counts = inventory.counts(event.id());
        Instant since = clock.instant().truncatedTo(ChronoUnit.MINUTES).minus(CHART_SPAN);
        return new Sales(eventId, counts.available(), counts.held(), counts.sold(), counts.blocked(),
                orders.revenue(event.id(), event.currency()), orders.salesPerMinute(event.id(), since, event.currency()));
    }

    /** The events the caller organizes (an admin: every event) with their seat counts, for the organizer's overview. */
    @GetMapping(path = "/api/v1/admin/events", produces = "application/json")
    OwnEvents ownEvents(@AuthenticationPrincipal Jwt caller) {
        return new OwnEvents(catalog.eventsOrganizedBy(caller.getSubject(), Callers.isAdmin(caller), MAX_EVENTS_LISTED).stream()
                .map(e -> {
                    SeatCounts counts = inventory.counts(e.id());
                    return new OwnEvent(String.valueOf(e.id()), e.name(), e.venueName(), e.startsAt(), e.onSaleAt(),
                            e.waitingRoom().enabled(), counts.available(), counts.held(), counts.sold(), counts.blocked());
                })
                .toList());
    }
}
