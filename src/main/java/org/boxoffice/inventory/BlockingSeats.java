package org.boxoffice.inventory;

import java.time.Clock;
import java.util.List;
import org.boxoffice.catalog.CatalogService;
import org.boxoffice.catalog.SeatingPlan;
import org.springframework.stereotype.Service;

/** An organizer takes seats out of sale (camera positions, broken seats) and puts them back. */
@Service
public class BlockingSeats {
    private final CatalogService catalog;
    private final SeatInventory inventory;
    private final Holds holds;
    private final Clock clock;

    BlockingSeats(CatalogService catalog, SeatInventory inventory, Holds holds, Clock clock) {
        this.catalog = catalog;
        this.inventory = inventory;
        this.holds = holds;
        this.clock = clock;
    }

    /** Blocks all the seats or none: held or sold ones are refused. */
    public void block(long eventId, int[] positions) {
        SeatingPlan plan = catalog.plan(eventId);
        List<Integer> refused = inventory.block(plan, positions, clock.instant());
        if (!refused.isEmpty()) {
            throw new InventoryRefusal.SeatsUnavailable(refused.stream().map(p -> plan.seat(p).id()).toList()).refused();
        }
        try {
            holds.block(eventId, PlacingHolds.ids(plan, positions));
        } catch (RuntimeException e) {
            inventory.unblock(plan, positions);
            throw e;
        }
    }

    public void unblock(long eventId, int[] positions) {
        SeatingPlan plan = catalog.plan(eventId);
        holds.unblock(eventId, PlacingHolds.ids(plan, positions));
        inventory.unblock(plan, positions);
    }
}
