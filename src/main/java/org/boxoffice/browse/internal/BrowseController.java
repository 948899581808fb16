package org.boxoffice.browse.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

import java.util.Comparator;
import java.util.List;
import org.boxoffice.catalog.CatalogService;
import org.boxoffice.catalog.Category;
import org.boxoffice.catalog.Event;
import org.boxoffice.shared.ApiProblem;
import org.boxoffice.shared.Ids;
import org.boxoffice.shared.Money;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Public browse endpoints: no token needed. */
@RestController
@RequestMapping(path = "/api/v1/events", produces = "application/json")
class BrowseController {
    private final CatalogService catalog;
    private final EventStatuses statuses;

    BrowseController(CatalogService catalog, EventStatuses statuses) {
        this.catalog = catalog;
        this.statuses = statuses;
    }

    record VenueRef(String id, String name) {
    }

    record PriceRange(Money min, Money max) {
    }

    record EventSummary(String id, String name, VenueRef venue, java.time.Instant startsAt, java.time.Instant onSaleAt,
                        String status, PriceRange priceRange, WaitingRoomView waitingRoom) {
    }

    /** Whether the event sells through a waiting room, and whether buyers can join it now. */
    record WaitingRoomView(boolean enabled, boolean open) {
    }

    record CategoryView(String id, String name, Money price, List<String> sections) {
    }

    record Limits(int maxSeatsPerOrder, int holdSeconds, boolean requireVerifiedEmail,
                  @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Integer seatsPerAddressPerHour,
                  @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Integer seatsPerCard,
                  @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Integer holdsPerBuyerPerHour) {
    }

    record EventDetails(String id, String name, String description, VenueRef venue, java.time.Instant startsAt,
                        java.time.Instant onSaleAt, String status, List<CategoryView> categories, Limits limits,
                        WaitingRoomView waitingRoom, boolean staticTicketCodes) {
    }

    record Page(List<EventSummary> items, int page, int size, long total) {
    }

    @GetMapping
    Page list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        if (page < 0 || page > 100_000 || size < 1 || size > 100) {
            throw ApiProblem.badRequest("page must be 0 or more and size 1..100");
        }
        CatalogService.EventPage events = catalog.events(page, size);
        return new Page(events.items().stream().map(this::summary).toList(), page, size, events.total());
    }

    @GetMapping("/{eventId}")
    EventDetails get(@PathVariable String eventId) {
        Event event = catalog.requireEvent(Ids.require(eventId, "Event " + eventId));
        return new EventDetails(String.valueOf(event.id()), event.name(), event.description(),
                new VenueRef(String.valueOf(event.venueId()), event.venueName()), event.startsAt(), event.onSaleAt(),
                statuses.of(event).name(),
                event.categories().stream()
                        .map(c -> new CategoryView(String.valueOf(c.id()), c.name(), c.price(), c.sections())).toList(),
                new Limits(event.maxSeatsPerOrder(), event.holdSeconds(), event.buyerLimits().requireVerifiedEmail(),
                        event.buyerLimits().seatsPerAddressPerHour(), event.buyerLimits().seatsPerCard(),
                        event.buyerLimits().holdsPerBuyerPerHour()),
                waitingRoom(event), event.staticTicketCodes());
    }

    private EventSummary summary(Event event) {
        Comparator<Money> byAmount = Comparator.comparing(Money::amount);
        List<Money> prices = event.categories().stream().map(Category::price).toList();
        PriceRange range = new PriceRange(prices.stream().min(byAmount).orElseThrow(), prices.stream().max(byAmount).orElseThrow());
        return new EventSummary(String.valueOf(event.id()), event.name(),
                new VenueRef(String.valueOf(event.venueId()), event.venueName()), event.startsAt(), event.onSaleAt(),
                statuses.of(event).name(), range, waitingRoom(event));
    }

    private WaitingRoomView waitingRoom(Event event) {
        return new WaitingRoomView(event.waitingRoom().enabled(), statuses.queueOpen(event));
    }
}
