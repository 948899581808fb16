package org.boxoffice.inventory.web;

import java.util.Locale;
import org.boxoffice.inventory.InventoryService;
import org.boxoffice.inventory.SeatMap;
import org.boxoffice.inventory.SeatStatus;
import org.boxoffice.shared.ApiProblem;
import org.boxoffice.shared.Ids;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The public seat map: the layout with each seat's live status, answered from the inventory, not the database. */
@RestController
class SeatMapController {
    private final InventoryService inventory;

    SeatMapController(InventoryService inventory) {
        this.inventory = inventory;
    }

    @GetMapping(path = "/api/v1/events/{eventId}/seats", produces = "application/json")
    SeatMap seats(@PathVariable String eventId, @RequestParam(required = false) @Nullable String status) {
        long id = Ids.require(eventId, "Event " + eventId);
        return inventory.seatMap(id, status == null ? null : parse(status));
    }

    private static SeatStatus parse(String status) {
        try {
            return SeatStatus.valueOf(status.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("status must be one of AVAILABLE, HELD, SOLD, BLOCKED");
        }
    }
}
