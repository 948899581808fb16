package org.boxoffice.inventory;

import java.time.Clock;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.boxoffice.catalog.CatalogService;
import org.boxoffice.catalog.SeatingPlan;
import org.boxoffice.infrastructure.GroupCommit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.function.SingletonSupplier;

/**
 * Turns holds into sales and sales back into seats for sale, for ordering. The database decides, in one transaction
 * with the caller's own writes (fencing token, unique live ticket per seat); the live inventory follows once that
 * transaction committed.
 */
@Service
public class SellingSeats {
    private static final Logger log = LoggerFactory.getLogger(SellingSeats.class);

    private final CatalogService catalog;
    private final SeatInventory inventory;
    private final Holds holds;
    private final HoldRecords records;
    private final GroupCommit groupCommit;
    private final TransactionTemplate transactions;
    private final SingletonSupplier<AdmissionCheck> admissions;
    private final Clock clock;

    SellingSeats(CatalogService catalog, SeatInventory inventory, Holds holds, HoldRecords records, GroupCommit groupCommit,
                 TransactionTemplate transactions, ObjectProvider<AdmissionCheck> admissions, Clock clock) {
        this.admissions = SingletonSupplier.of(admissions::getIfAvailable);
        this.catalog = catalog;
        this.inventory = inventory;
        this.holds = holds;
        this.records = records;
        this.groupCommit = groupCommit;
        this.transactions = transactions;
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
     * Sells the hold's seats in one group-committed transaction with the caller's own writes (the order's confirmation),
     * then tells the live inventory. The database accepts only an active, unexpired hold whose fencing token is still
     * the newest for each seat ({@link HoldLostException} otherwise; a seat with another live ticket fails on the
     * database's unique constraint). False, and nothing sold, when the caller's writes answer false. {@code whenSold}
     * runs last in the same transaction, once every write of the sale succeeded: the place to publish an event that must
     * be stored with the sale (a write that fails later in the job would roll back with its savepoint, but not the
     * event's after-commit delivery).
     */
    public boolean sell(Hold hold, BooleanSupplier callersWrites, Runnable whenSold) {
        boolean sold;
        try {
            sold = groupCommit.submit(() -> {
                if (!callersWrites.getAsBoolean()) {
                    return false;
                }
                confirmSale(hold);
                whenSold.run();
                return true;
            });
        } catch (RuntimeException failed) {
            // refused, or committed after all: following the database's record later is right either way
            records.saleInDoubt(catalog.plan(hold.eventId()), hold.holdId());
            throw failed;
        }
        if (sold) {
            try {
                saleCommitted(hold);
            } catch (RuntimeException e) {
                // the sale is committed; the live inventory catches up on its own (rebuild from the database)
                log.warn("Live inventory missed the sale of hold {}: {}", hold.holdId(), e.getMessage());
            }
        }
        return sold;
    }

    /** The database's half of a sale, inside the caller's transaction (see {@link #sell}). */
    void confirmSale(Hold hold) {
        if (!holds.confirmSold(hold.holdId(), hold.fence(), clock.instant())) {
            throw new HoldLostException(hold.holdId());
        }
    }

    /** The live inventory follows a committed sale; the waiting room lets the buyer's place go. */
    void saleCommitted(Hold hold) {
        SeatingPlan plan = catalog.plan(hold.eventId());
        inventory.markSold(plan, hold.live(plan));
        AdmissionCheck admission = admissions.get();
        if (admission != null) {
            try {
                admission.purchased(plan.event(), hold.userId());
            } catch (RuntimeException e) {
                // the sale stands; the place frees itself when the admission runs out
                log.warn("Could not end the admission of {} after hold {}: {}", hold.userId(), hold.holdId(), e.getMessage());
            }
        }
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

    /**
     * Puts a sold hold's seats on sale again (its order was cancelled), in one transaction with the caller's own writes;
     * once committed, the seats are for sale at once. False, and nothing returned, when the caller's writes answer false.
     */
    public boolean returnSold(Hold hold, BooleanSupplier callersWrites) {
        boolean returned = Boolean.TRUE.equals(transactions.execute(tx -> {
            if (!callersWrites.getAsBoolean()) {
                return false;
            }
            holds.markReturned(hold.holdId());
            return true;
        }));
        if (returned) {
            SeatingPlan plan = catalog.plan(hold.eventId());
            inventory.returnSold(plan, hold.userId(), hold.positions(plan));
        }
        return returned;
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
