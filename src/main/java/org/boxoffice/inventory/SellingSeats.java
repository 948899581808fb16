package org.boxoffice.inventory;

import java.time.Clock;
import java.util.Optional;
import org.boxoffice.catalog.CatalogService;
import org.boxoffice.catalog.SeatingPlan;
import org.springframework.stereotype.Service;

/**
 * Turns holds into sales and sales back into seats for sale, for ordering. The database decides inside the caller's
 * transaction (fencing token, unique live ticket per seat); the live inventory follows once that transaction committed.
 */
@Service
public class SellingSeats {
    private final CatalogService catalog;
    private final SeatInventory inventory;
    private final Holds holds;
    private final HoldRecords records;
    private final Clock clock;

    SellingSeats(CatalogService catalog, SeatInventory inventory, Holds holds, HoldRecords records, Clock clock) {
        this.catalog = catalog;
        this.inventory = inventory;
        this.holds = holds;
        this.records = records;
        this.clock = clock;
    }

    /** The caller's hold as checkout needs it, in one read of the stored hold and one look at the live inventory. */
    public CheckoutHold checkoutHold(String userId, String holdId) {
        Optional<Holds.StoredHold> stored = holdId.length() > 36 ? Optional.empty()
                : holds.find(holdId).filter(h -> h.userId().equals(userId));
        if (stored.isEmpty()) {
            return new CheckoutHold.NotTheCallers();
        }
        SeatingPlan plan = catalog.plan(stored.get().eventId());
        return inventory.find(plan, holdId, clock.instant()).<CheckoutHold>map(live -> new CheckoutHold.Live(Hold.of(plan, live)))
                .orElseGet(CheckoutHold.Gone::new);
    }

    /**
     * Sells the hold's seats inside the caller's transaction: the database accepts only an active, unexpired hold
     * whose fencing token is still the newest for each seat. Once that transaction has committed, the caller
     * tells the live inventory with {@link #saleCommitted}.
     */
    public void confirmSale(Hold hold) {
        if (!holds.confirmSold(hold.holdId(), hold.fence(), clock.instant())) {
            throw new HoldLostException(hold.holdId());
        }
    }

    /** The live inventory follows a committed sale. */
    public void saleCommitted(Hold hold) {
        SeatingPlan plan = catalog.plan(hold.eventId());
        inventory.markSold(plan, hold.live(plan));
    }

    /**
     * Drops a hold whose sale the database refused. When the refusal came from the database's own constraints
     * the live state disagreed with it, so the event's live state is rebuilt from the database.
     */
    public void discardHold(Hold hold, boolean liveStateDisagreed) {
        boolean released = holds.markReleased(hold.holdId());
        SeatingPlan plan = catalog.plan(hold.eventId());
        if (liveStateDisagreed) {
            inventory.evict(hold.eventId());
        } else if (released) {
            inventory.release(plan, hold.holdId(), clock.instant());
        } else {
            records.follow(plan, hold.holdId()); // no longer active in the database (sold by recovery meanwhile, say)
        }
    }

    /** Returns sold seats to sale inside the caller's transaction (an order was cancelled); see {@link #returnCommitted}. */
    public void returnSeats(Hold hold) {
        holds.markReturned(hold.holdId());
    }

    /** The live inventory follows a committed return: the seats are for sale again at once. */
    public void returnCommitted(Hold hold) {
        SeatingPlan plan = catalog.plan(hold.eventId());
        inventory.returnSold(plan, hold.userId(), hold.positions(plan));
    }

    /** Rebuilds a stored hold's details for an order (its seats, prices and owner), whatever its state. */
    public Optional<Hold> storedHold(String holdId) {
        return holds.find(holdId).map(stored -> {
            SeatingPlan plan = catalog.plan(stored.eventId());
            int[] positions = stored.seatIds().stream().mapToInt(plan::positionOf).toArray();
            return Hold.of(plan, new LiveHold(stored.holdId(), stored.eventId(), stored.userId(), stored.fence(), positions,
                    stored.createdAt(), stored.expiresAt(), stored.maxExpiresAt()));
        });
    }
}
