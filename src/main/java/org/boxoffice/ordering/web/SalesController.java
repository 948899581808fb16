package org.boxoffice.ordering.web;

import org.boxoffice.catalog.CatalogService;
import org.boxoffice.catalog.Event;
import org.boxoffice.inventory.LiveSeats;
import org.boxoffice.inventory.SeatCounts;
import org.boxoffice.ordering.OrderService;
import org.boxoffice.shared.Ids;
import org.boxoffice.shared.Money;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Organizers watch an on-sale: seat counts from the live inventory, revenue from confirmed orders. */
@RestController
class SalesController {
    private final CatalogService catalog;
    private final LiveSeats inventory;
    private final OrderService orders;

    SalesController(CatalogService catalog, LiveSeats inventory, OrderService orders) {
        this.catalog = catalog;
        this.inventory = inventory;
        this.orders = orders;
    }

    record Sales(String eventId, int available, int held, int sold, int blocked, Money revenue) {
    }

    @GetMapping(path = "/api/v1/admin/events/{eventId}/sales", produces = "application/json")
    Sales sales(@PathVariable String eventId, @AuthenticationPrincipal Jwt caller) {
        List<String> roles = caller.getClaimAsStringList("roles");
        Event event = catalog.requireOwnEvent(Ids.require(eventId, "Event " + eventId), caller.getSubject(),
                roles != null && roles.contains("ADMIN"));
        SeatCounts counts = inventory.counts(event.id());
        return new Sales(eventId, counts.available(), counts.held(), counts.sold(), counts.blocked(),
                orders.revenue(event.id(), event.currency()));
    }
}
