package org.boxoffice.inventory.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.boxoffice.catalog.CatalogService;
import org.boxoffice.catalog.Seat;
import org.boxoffice.catalog.SeatingPlan;
import org.boxoffice.inventory.InventoryService;
import org.boxoffice.inventory.SeatSnapshot;
import org.boxoffice.inventory.SeatStatus;
import org.boxoffice.shared.ApiProblem;
import org.boxoffice.shared.Ids;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The public seat map: the layout with each seat's live status, answered from memory. */
@RestController
class SeatMapController {
    private final CatalogService catalog;
    private final InventoryService inventory;

    SeatMapController(CatalogService catalog, InventoryService inventory) {
        this.catalog = catalog;
        this.inventory = inventory;
    }

    record SeatView(String id, String section, String row, int number, String label, int x, int y,
                    @Nullable String categoryId, SeatStatus status) {
    }

    record SeatMap(String eventId, long seq, List<SeatView> seats) {
    }

    @GetMapping(path = "/api/v1/events/{eventId}/seats", produces = "application/json")
    SeatMap seats(@PathVariable String eventId, @RequestParam(required = false) @Nullable String status) {
        long id = Ids.require(eventId, "Event " + eventId);
        SeatStatus filter = status == null ? null : parse(status);
        SeatingPlan plan = catalog.plan(id);
        SeatSnapshot snapshot = inventory.snapshot(id);
        List<SeatView> seats = new ArrayList<>(plan.size());
        for (int i = 0; i < plan.size(); i++) {
            SeatStatus seatStatus = snapshot.status(i);
            if (filter == null || filter == seatStatus) {
                Seat seat = plan.seat(i);
                seats.add(new SeatView(String.valueOf(seat.id()), seat.section(), seat.row(), seat.number(), seat.label(),
                        seat.x(), seat.y(), seat.categoryId() == null ? null : String.valueOf(seat.categoryId()), seatStatus));
            }
        }
        return new SeatMap(eventId, snapshot.seq(), seats);
    }

    private static SeatStatus parse(String status) {
        try {
            return SeatStatus.valueOf(status.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("status must be one of AVAILABLE, HELD, SOLD, BLOCKED");
        }
    }
}
