package org.boxoffice.inventory.web;

import java.util.List;
import java.util.Map;
import org.boxoffice.inventory.InventoryService;
import org.boxoffice.shared.ApiProblem;
import org.boxoffice.shared.Ids;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Organizers take seats off sale (production holds, broken seats) and put them back. */
@RestController
class SeatBlockingController {
    private final InventoryService inventory;

    SeatBlockingController(InventoryService inventory) {
        this.inventory = inventory;
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
    Map<String, Object> block(@PathVariable String eventId, @RequestBody SeatList body) {
        List<String> seats = body.required();
        inventory.block(Ids.require(eventId, "Event " + eventId), seats);
        return Map.of("eventId", eventId, "blocked", seats);
    }

    @PostMapping(path = "/api/v1/admin/events/{eventId}/seats/unblock", consumes = "application/json", produces = "application/json")
    Map<String, Object> unblock(@PathVariable String eventId, @RequestBody SeatList body) {
        List<String> seats = body.required();
        inventory.unblock(Ids.require(eventId, "Event " + eventId), seats);
        return Map.of("eventId", eventId, "unblocked", seats);
    }
}
