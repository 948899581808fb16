package org.boxoffice.inventory.web;

import java.util.List;
import java.util.Map;
import org.boxoffice.catalog.CatalogService;
import org.boxoffice.infrastructure.web.Callers;
import org.boxoffice.inventory.BlockingSeats;
import org.boxoffice.shared.ApiProblem;
import org.boxoffice.shared.Ids;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Organizers take seats off sale (production holds, broken seats) and put them back. */
@RestController
class SeatBlockingController {
    private final BlockingSeats blocking;
    private final CatalogService catalog;

    SeatBlockingController(BlockingSeats blocking, CatalogService catalog) {
        this.blocking = blocking;
        this.catalog = catalog;
    }

    private long ownEvent(String eventId, Jwt caller) {
        long id = Ids.require(eventId, "Event " + eventId);
        boolean admin = Callers.isAdmin(caller);
        return catalog.requireOwnEvent(id, caller.getSubject(), admin).id();
    }

    record SeatList(@Nullable List<String> seatIds) {
        List<String> required() {
            if (seatIds == null) {
                throw ApiProblem.badRequest("seatIds is required");
            }
            return seatIds;
        }
    }

    @PostMapping(path = "/api/v1/admin/events/{eventId}/seats/block", consumes = "application/json", produces = "application/json")
    Map<String, Object> block(@PathVariable String eventId, @RequestBody SeatList body, @AuthenticationPrincipal Jwt caller) {
        List<String> seats = body.required();
        long id = ownEvent(eventId, caller);
        blocking.block(id, SeatIds.positions(catalog.plan(id), seats));
        return Map.of("eventId", eventId, "blocked", seats);
    }

    @PostMapping(path = "/api/v1/admin/events/{eventId}/seats/unblock", consumes = "application/json", produces = "application/json")
    Map<String, Object> unblock(@PathVariable String eventId, @RequestBody SeatList body, @AuthenticationPrincipal Jwt caller) {
        List<String> seats = body.required();
        long id = ownEvent(eventId, caller);
        blocking.unblock(id, SeatIds.positions(catalog.plan(id), seats));
        return Map.of("eventId", eventId, "unblocked", seats);
    }
}
